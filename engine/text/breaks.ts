// Break opportunities: UAX #14 (the `linebreak` package) tailored to GB/T 15834 and CLREQ
// (CLREQ #prohibition_rules_for_line_start_end, GB/T 15834—2011 §5.1; docs/cjk-typesetting.md §1.1–§1.6). The package decides between two non-CJK
// characters (Latin words, numbers with separators, units, dates); every boundary that touches CJK
// text is decided here, because UAX #14's defaults are wrong for mainland Chinese in both directions
// (no break before “, a break before · ～ and a single —, a break after /).
import LineBreaker from 'linebreak';
import type { Strictness } from '../compose/types';
import { CharClass, charClass, isCjkClass } from './classes';

/** Per UTF-16 index i: whether a line may break before text[i]. */
export enum Break {
  Never = 0,
  Allowed = 1,
  Required = 2,
}

/** May a line start with this class (given the class after it, for single vs double dashes)? */
export function forbiddenAtStart(c: CharClass, next: CharClass, strictness: Strictness): boolean {
  switch (c) {
    case CharClass.Suffix:
      return true; // a unit: 12.5％ never splits, whatever the strictness
    case CharClass.Close:
    case CharClass.Dot:
    case CharClass.ColonSemi:
    case CharClass.Exclam:
    case CharClass.Middle:
    case CharClass.Connector:
    case CharClass.Solidus:
      return strictness !== 'none';
    case CharClass.Dash:
      // A single — is 一字线, a connector; —— is 破折号, which only strict keeps off the line start.
      return strictness === 'strict' || (strictness !== 'none' && next !== CharClass.Dash);
    case CharClass.Ellipsis:
    case CharClass.TwoEmDash:
      return strictness === 'strict';
    default:
      return false;
  }
}

export function forbiddenAtEnd(c: CharClass, strictness: Strictness): boolean {
  switch (c) {
    case CharClass.Prefix:
      return true;
    case CharClass.Open:
      return strictness !== 'none';
    case CharClass.Solidus:
      return strictness === 'gb' || strictness === 'strict';
    default:
      return false;
  }
}

// Per-paragraph scratch, reused: the composer asks for every paragraph of a page on each keystroke.
let clsScratch = new Uint8Array(0);
let startScratch = new Uint8Array(0);

/**
 * Break opportunities for a paragraph's text. `out[i]` tells whether a line may break before
 * `text[i]`; index 0 and the inside of surrogate pairs and combining sequences are Never.
 * `out[text.length]` is Required (the paragraph end).
 */
export function breakOpportunities(
  text: string,
  strictness: Strictness = 'basic',
  out?: Uint8Array,
): Uint8Array {
  const n = text.length;
  const ops = out && out.length >= n + 1 ? out : new Uint8Array(n + 1);
  ops.fill(Break.Never, 0, n + 1);
  ops[n] = Break.Required;
  if (n === 0) return ops;

  // Cluster starts and classes, in one pass (every slot below n is written).
  if (clsScratch.length < n) {
    clsScratch = new Uint8Array(Math.max(n, 2 * clsScratch.length));
    startScratch = new Uint8Array(clsScratch.length);
  }
  const cls = clsScratch;
  const start = startScratch; // 1 where a cluster starts
  for (let i = 0; i < n; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        const c = charClass(cp);
        cls[i] = c;
        cls[i + 1] = c;
        start[i] = c === CharClass.Extend && i > 0 ? 0 : 1;
        start[i + 1] = 0;
        i++;
        continue;
      }
    }
    const c = charClass(cp);
    cls[i] = c;
    start[i] = c === CharClass.Extend && i > 0 ? 0 : 1;
  }

  // UAX #14 only where two non-CJK characters meet: run the package over each maximal non-CJK stretch.
  let i = 0;
  while (i < n) {
    if (isCjkClass(cls[i])) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && !isCjkClass(cls[j])) j++;
    if (j - i > 1) {
      const lb = new LineBreaker(text.slice(i, j));
      let b;
      while ((b = lb.nextBreak())) {
        const at = i + b.position;
        if (at < j) ops[at] = b.required ? Break.Required : Break.Allowed;
      }
    }
    i = j;
  }

  // Now every cluster boundary, with the tailoring.
  let prev = -1; // index of the previous cluster's first unit
  for (let k = 0; k < n; k++) {
    if (!start[k]) {
      ops[k] = Break.Never;
      continue;
    }
    if (prev < 0) {
      prev = k;
      ops[k] = Break.Never;
      continue;
    }
    const a = cls[prev] as CharClass;
    const b = cls[k] as CharClass;
    let next = CharClass.Other;
    for (let m = k + 1; m < n; m++)
      if (start[m]) {
        next = cls[m];
        break;
      }
    prev = k;
    if (a === CharClass.Newline) {
      ops[k] = Break.Required;
      continue;
    }
    if (b === CharClass.Newline) {
      ops[k] = Break.Never;
      continue;
    }
    // The inside of ——, ……, ⋯⋯ never splits (GB/T 15834 5.1.4, 5.1.5).
    if (
      (a === CharClass.Dash && b === CharClass.Dash) ||
      (a === CharClass.Ellipsis && b === CharClass.Ellipsis)
    ) {
      ops[k] = Break.Never;
      continue;
    }
    if (forbiddenAtStart(b, next, strictness) || forbiddenAtEnd(a, strictness)) {
      ops[k] = Break.Never;
      continue;
    }
    // A breaking space keeps what follows it off the current line; a break before a space would
    // start a line with blank.
    if (b === CharClass.Space) {
      ops[k] = Break.Never;
      continue;
    }
    if (a === CharClass.Space || a === CharClass.IdeoSpace) {
      ops[k] = Break.Allowed;
      continue;
    }
    if (isCjkClass(a) || isCjkClass(b)) {
      // A prefix or suffix touching a number stays with it (价格￥100, 12.5％); next to Han it's free.
      ops[k] = Break.Allowed;
      continue;
    }
    // Two non-CJK clusters: UAX #14 decided above.
  }
  return ops;
}
