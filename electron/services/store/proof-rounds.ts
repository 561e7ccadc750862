// 校次 exported from an edition, kept in the file's meta table (key `proof_rounds`, JSON): which
// round each proof export was, when, and of which pages, so the next proof export is the next round.
// Not part of the edition itself: a record that cannot be read counts as none and is rewritten whole.
import type { ProofRoundRecord } from '../../api';
import { MAX_ROUND } from '../../../engine/proof/round';

export const PROOF_ROUNDS_KEY = 'proof_rounds';

export function parseProofRounds(raw: unknown): ProofRoundRecord[] {
  if (typeof raw !== 'string') return [];
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(v)) return [];
  return v.filter(
    (r): r is ProofRoundRecord =>
      !!r &&
      Number.isInteger(r.round) &&
      r.round >= 1 &&
      r.round <= MAX_ROUND &&
      typeof r.exported === 'string' &&
      Array.isArray(r.pages) &&
      r.pages.every((n: unknown) => Number.isInteger(n)),
  );
}

/** The round after the highest one recorded (1 when none was). */
export const nextRound = (rounds: ProofRoundRecord[]): number =>
  Math.min(MAX_ROUND, rounds.reduce((m, r) => Math.max(m, r.round), 0) + 1);
