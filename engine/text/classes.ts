// Character classes for Chinese composition (GB/T 15834—2011 §5, CLREQ #punctuation_width_adjustment; docs/cjk-typesetting.md §1.3, §2.1).
// One byte per BMP code point, built once: the composer looks every character up, so a table read
// beats a chain of range tests by an order of magnitude on a 3,000-character page.

export enum CharClass {
  Other = 0,
  /** Han ideographs, kana, hangul: square 1-em frames. */
  Han,
  /** Latin, Greek, Cyrillic letters and ASCII digits: take CJK–Latin spacing next to Han. */
  Latin,
  /** Opening quotes, brackets and book-title marks: ink on the right half, blank on the left. */
  Open,
  /** Closing quotes, brackets and book-title marks: ink left, blank right. */
  Close,
  /** 。，、．: pause and stop marks, ink lower left. */
  Dot,
  /** ：；: ink left (GB glyphs). */
  ColonSemi,
  /** ？！ and the double forms. */
  Exclam,
  /** Interpuncts · ・ ‧. */
  Middle,
  /** — U+2014: one alone is 一字线 (a connector), two or more make the unbreakable 破折号. */
  Dash,
  /** … ⋯ ‥: 省略号, unbreakable in runs. */
  Ellipsis,
  /** ⸺ U+2E3A two-em dash, a unit by itself. */
  TwoEmDash,
  /** Connectors – ～ 〜: never start a line; fixed width. */
  Connector,
  /** Solidus / ／: never start a line, and under GB-style never end one either. */
  Solidus,
  /** Currency and other numeric prefixes that must stay with the number after them. */
  Prefix,
  /** Percent and other numeric suffixes that must stay with the number before them. */
  Suffix,
  /** U+3000 ideographic space. */
  IdeoSpace,
  /** Breaking Western spaces. */
  Space,
  /** Combining marks, variation selectors, ZWJ: belong to the character before them. */
  Extend,
  /** Hard line breaks inside a paragraph (U+2028, LF). */
  Newline,
}

const table = new Uint8Array(0x10000);
let built = false;

function set(cls: CharClass, chars: string): void {
  for (const ch of chars) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x10000) table[cp] = cls;
  }
}

function range(cls: CharClass, from: number, to: number): void {
  table.fill(cls, from, to + 1);
}

function build(): void {
  range(CharClass.Latin, 0x30, 0x39);
  range(CharClass.Latin, 0x41, 0x5a);
  range(CharClass.Latin, 0x61, 0x7a);
  range(CharClass.Latin, 0xc0, 0x24f); // Latin-1 letters and Latin Extended-A/B
  table[0xd7] = CharClass.Other;
  table[0xf7] = CharClass.Other;
  range(CharClass.Latin, 0x370, 0x3ff); // Greek
  range(CharClass.Latin, 0x400, 0x4ff); // Cyrillic
  range(CharClass.Extend, 0x300, 0x36f);
  range(CharClass.Extend, 0x20d0, 0x20ff);
  range(CharClass.Extend, 0xfe00, 0xfe0f);
  table[0x200d] = CharClass.Extend;
  range(CharClass.Extend, 0x3099, 0x309a);

  range(CharClass.Han, 0x2e80, 0x2fdf); // radicals
  range(CharClass.Han, 0x3005, 0x3007); // 々〆〇
  range(CharClass.Han, 0x3040, 0x30ff); // kana
  range(CharClass.Han, 0x3100, 0x312f); // bopomofo
  range(CharClass.Han, 0x31a0, 0x31ff);
  range(CharClass.Han, 0x3200, 0x33ff); // enclosed CJK, compatibility
  range(CharClass.Han, 0x3400, 0x4dbf);
  range(CharClass.Han, 0x4e00, 0x9fff);
  range(CharClass.Han, 0xac00, 0xd7af); // hangul syllables
  range(CharClass.Han, 0xf900, 0xfaff);
  range(CharClass.Han, 0xff10, 0xff19); // fullwidth digits set on the grid like Han
  range(CharClass.Han, 0xff21, 0xff3a);
  range(CharClass.Han, 0xff41, 0xff5a);
  table[0x30fb] = CharClass.Middle; // ・ sits in the kana block

  set(CharClass.Open, '“‘「『（《〈【〖〔［｛〘〚〝');
  set(CharClass.Close, '”’」』）》〉】〗〕］｝〙〛〞〟');
  set(CharClass.Dot, '。，、．');
  set(CharClass.ColonSemi, '：；');
  set(CharClass.Exclam, '？！‼⁇⁈⁉');
  set(CharClass.Middle, '·‧');
  set(CharClass.Dash, '—');
  set(CharClass.Ellipsis, '…⋯‥');
  set(CharClass.Connector, '–～〜');
  set(CharClass.Solidus, '/／');
  set(CharClass.Prefix, '＄￥￡￦﹩');
  set(CharClass.Suffix, '％￠﹪‰℃°');
  set(CharClass.IdeoSpace, '\u3000');
  set(CharClass.Space, ' \t\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f');
  set(CharClass.Newline, '\n\r\u2028\u2029');
  built = true;
}

export function charClass(cp: number): CharClass {
  if (cp < 0x10000) {
    if (!built) build();
    return table[cp] as CharClass;
  }
  // Supplementary ideographs (extensions B–H, compatibility supplement).
  if (cp >= 0x20000 && cp <= 0x3ffff) return CharClass.Han;
  if (cp >= 0xe0100 && cp <= 0xe01ef) return CharClass.Extend;
  return CharClass.Other;
}

/** Classes that are CJK punctuation with an adjustable blank half (§2.1). */
export function isAdjustablePunct(c: CharClass): boolean {
  return (
    c === CharClass.Open ||
    c === CharClass.Close ||
    c === CharClass.Dot ||
    c === CharClass.ColonSemi ||
    c === CharClass.Exclam ||
    c === CharClass.Middle
  );
}

/** Classes that belong to the CJK side of a break decision: any break next to them is a CJK question. */
export function isCjkClass(c: CharClass): boolean {
  return (
    c !== CharClass.Other &&
    c !== CharClass.Latin &&
    c !== CharClass.Space &&
    c !== CharClass.Extend &&
    c !== CharClass.Newline
  );
}
