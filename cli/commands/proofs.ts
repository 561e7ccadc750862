// banmian proofs: reads the marks proofreaders put on a proof PDF back onto the edition's articles,
// lists them per article with their context, and with --apply makes the edits into a new edition file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIO } from '../io';
import { EXIT, UsageError } from '../io';
import { parseArgs } from '../options';
import type { Edition } from '../../engine/model/types';
import { applyProofMarks, type ApplyResult } from '../../engine/proof/apply';
import { KIND_NAMES, type ProofMark, type UnplacedMark } from '../../engine/proof/types';
import { loadFontSet } from '../../electron/services/fonts';
import { importProof, ProofReadError, proofTooLarge, type ProofImport } from '../../electron/services/proof';
import { loadTemplates } from '../../electron/services/templates';
import { readEdition } from '../edition-input';
import { writeFileAtomic } from '../../electron/services/atomic-write';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.proofs;

const HELP = `usage: banmian proofs <edition.banmian | edition.json | --sample> <annotated-proof.pdf> [options]

Reads the annotations proofreaders made on a proof PDF (exported with --preset proof) and places
each on the article and characters it marks: 删除 strike-out, 增补 insert caret, 改正 replace
(caret + grouped strike-out), 疑问 highlight/underline/squiggly with a note, 说明 sticky note or
text box. Pages re-set since the proof was exported get no marks placed; their marks are listed.

  --json            the marks as JSON: {proof, pages, marks, unplaced[, applied, conflicts]}
  --apply           make the edits (delete, insert, replace; not those rejected in review) …
  -o, --output F    … into a new edition JSON file F (never the input file)
  --skip IDS        with --apply: leave these marks out (ids as listed, comma-separated)

exit codes: 0 read (and applied), 1 stale pages or conflicting marks, 2 usage,
            3 bad edition or PDF (not a proof, damaged, another edition), 4 cannot write output
`;

const BLOCK_NAMES: Record<string, string> = {
  kicker: '引题',
  headline: '主题',
  subhead: '副题',
  dateline: '电头',
  paragraph: '正文',
  crosshead: '小标题',
  byline: '署名',
  source: '来源',
  photo: '图片说明',
};
const ROUND = ['', '一校', '二校', '三校'];

function where(edition: Edition, m: ProofMark): string {
  const blocks = edition.articles.find((a) => a.id === m.article)?.blocks ?? [];
  const type = blocks[m.block]?.type ?? '?';
  // Paragraphs are counted among paragraphs, as an editor counts them.
  const nth =
    type === 'paragraph' ? blocks.slice(0, m.block + 1).filter((b) => b.type === 'paragraph').length : 0;
  return `${BLOCK_NAMES[type] ?? type}${nth ? ` 第${nth}段` : ''} 第${m.start + 1}字`;
}

function describe(m: ProofMark): string {
  const marked = `…${m.context.before}【${m.text}】${m.context.after}…`;
  switch (m.kind) {
    case 'delete':
      return `${marked} 删去`;
    case 'insert':
      return `…${m.context.before}【＋${m.replacement}】${m.context.after}…`;
    case 'replace':
      return `${marked} 改为「${m.replacement}」`;
    default:
      return `${marked}${m.note ? ` ${m.note}` : ''}`;
  }
}

function byline(m: { author: string; date: string | null }, round: number | null): string {
  return [m.author, round ? ROUND[round] : '', m.date ? m.date.slice(0, 16).replace('T', ' ') : '']
    .filter(Boolean)
    .join(' ');
}

function listing(
  edition: Edition,
  r: ProofImport,
  skipped: Set<string>,
  applied: ApplyResult | null,
  output?: string,
): string {
  const out: string[] = [];
  const how =
    r.recognisedBy === 'info'
      ? 'recognised by its proof identification'
      : r.recognisedBy === 'xmp'
        ? 'recognised by the identification in its XMP metadata (the file was rewritten)'
        : "recognised by its pages' copy (the file was rewritten and lost its identification)";
  out.push(
    `校样 proof of ${r.identity.edition}, exported ${r.identity.exported || 'at an unknown time'}; ${how}`,
  );
  for (const w of r.warnings) out.push(`  warning: ${w}`);
  for (const p of r.pages) {
    const name = p.number ? `第${p.number}版` : `PDF page ${p.pdfPage}`;
    const state =
      p.status === 'ok'
        ? ''
        : p.status === 'stale'
          ? ' — STALE: the page was re-set after this proof; its marks were not placed'
          : p.number
            ? ' — the edition no longer has this page'
            : ' — its copy matches no page of the edition; its marks were not placed';
    out.push(`  ${name}: ${p.annotations} mark(s)${state}`);
  }
  const conflicts = new Map(applied?.conflicts.map((c) => [c.mark.id, c.reason]) ?? []);
  const done = new Set(applied?.applied.map((m) => m.id) ?? []);
  for (const article of edition.articles) {
    const marks = r.marks.filter((m) => m.article === article.id);
    if (!marks.length) continue;
    out.push('', `稿件 ${article.id} ${article.slug}`);
    for (const m of marks) {
      const state =
        m.state === 'rejected' ? ' [保留: rejected in review]' : m.state === 'accepted' ? ' [accepted]' : '';
      const fate = !applied
        ? ''
        : done.has(m.id)
          ? '  ✓ applied'
          : conflicts.has(m.id)
            ? `  ✗ CONFLICT: ${conflicts.get(m.id)}`
            : skipped.has(m.id)
              ? '  – skipped'
              : '';
      out.push(
        `  ${m.id.padEnd(8)} ${KIND_NAMES[m.kind]}  ${where(edition, m)}  ${describe(m)}  (${byline(m, m.round)})${state}${fate}`,
      );
      for (const reply of m.replies) out.push(`             ↳ ${reply.text} (${byline(reply, null)})`);
    }
  }
  if (r.unplaced.length) {
    out.push('', 'not on any article text (see the proof):');
    for (const u of r.unplaced)
      out.push(
        `  ${u.id.padEnd(8)} 第${u.page}版 ${u.subtype} at ${u.at.x.toFixed(0)}, ${u.at.y.toFixed(0)} pt${u.note ? ` 「${u.note}」` : ''} (${byline(u, null)}): ${u.reason}`,
      );
  }
  if (applied)
    out.push(
      '',
      `${applied.applied.length} edit(s) applied, ${applied.conflicts.length} conflict(s), ${applied.notApplied.length} query/note/rejected mark(s) left for the editor; written to ${output}`,
    );
  return out.join('\n') + '\n';
}

function toJson(r: ProofImport, applied: ApplyResult | null): unknown {
  const base = {
    proof: r.identity,
    recognisedBy: r.recognisedBy,
    warnings: r.warnings,
    pages: r.pages,
    marks: r.marks,
    unplaced: r.unplaced as UnplacedMark[],
  };
  return applied
    ? {
        ...base,
        applied: applied.applied.map((m) => m.id),
        conflicts: applied.conflicts.map((c) => ({ id: c.mark.id, reason: c.reason })),
      }
    : base;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(argv, {
    values: ['output', 'skip'],
    short: { o: 'output' },
    flags: ['json', 'apply', 'sample', 'help'],
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  const sample = opts.sample === true;
  const pdfPath = positional[positional.length - 1];
  if (!pdfPath || positional.length !== (sample ? 1 : 2))
    throw new UsageError('give the edition (file or --sample) and the annotated proof PDF');
  const output = opts.output;
  if (opts.apply && typeof output !== 'string')
    throw new UsageError('--apply writes a new edition: give -o out.json');
  if (!opts.apply && output !== undefined) throw new UsageError('-o is for --apply');
  if (opts.skip !== undefined && !opts.apply) throw new UsageError('--skip is for --apply');
  if (typeof output === 'string') {
    if (!sample && resolve(output) === resolve(positional[0]))
      throw new UsageError(
        '-o must be a new file: the edition the proof was read against is never overwritten',
      );
    if (!/\.json$/i.test(output))
      throw new UsageError(
        `-o ${output}: the applied edition is written as JSON (.json); an edition file is made from it with "banmian edition new --from FILE.json"`,
      );
    const dir = dirname(output) || '.';
    if (!existsSync(dir) || !statSync(dir).isDirectory())
      throw new UsageError(`cannot write ${output}: folder ${dir} does not exist`, EXIT.output);
  }

  const edition = await readEdition(sample ? [] : [positional[0]], sample);
  let bytes: Buffer;
  try {
    const large = proofTooLarge(pdfPath, statSync(pdfPath).size);
    if (large) throw new UsageError(large, EXIT.badInput);
    bytes = readFileSync(pdfPath);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT' ? `no such proof PDF: ${pdfPath}` : `cannot read ${pdfPath}: ${(e as Error).message}`,
      EXIT.badInput,
    );
  }
  let r: ProofImport;
  try {
    r = await importProof(edition, bytes, {
      fonts: loadFontSet(),
      templates: loadTemplates(),
      label: pdfPath,
    });
  } catch (e) {
    if (e instanceof ProofReadError) throw new UsageError(e.message, EXIT.badInput);
    throw e;
  }

  const skipped = new Set(
    typeof opts.skip === 'string'
      ? opts.skip
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [],
  );
  const unknown = [...skipped].filter((id) => !r.marks.some((m) => m.id === id));
  if (unknown.length) throw new UsageError(`--skip: no mark ${unknown.join(', ')} in this proof`);

  let applied: ApplyResult | null = null;
  if (opts.apply) {
    applied = applyProofMarks(
      edition,
      r.marks.filter((m) => !skipped.has(m.id)),
    );
    try {
      writeFileAtomic(output!, JSON.stringify(applied.edition, null, 2) + '\n');
    } catch (e) {
      throw new UsageError(`cannot write ${output}: ${(e as Error).message}`, EXIT.output);
    }
  }

  io.stdout.write(
    opts.json
      ? JSON.stringify(toJson(r, applied), null, 2) + '\n'
      : listing(edition, r, skipped, applied, output),
  );
  const stale = r.pages.some((p) => p.status !== 'ok');
  if (stale)
    io.stderr.write(
      'some pages were re-set after the proof was exported: their marks were not placed (listed above); export a new proof\n',
    );
  if (applied?.conflicts.length)
    io.stderr.write(
      `${applied.conflicts.length} mark(s) conflict with the text as it stands and were not applied\n`,
    );
  return stale || applied?.conflicts.length ? EXIT.findings : EXIT.ok;
}
