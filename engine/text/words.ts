// Word boundaries for headlines (docs/cjk-typesetting.md §7: a headline line breaks between words,
// never inside one). Body text breaks between any two characters; a headline broken mid-word
// (区委网络安全和信息 / 化委员会会议举行) reads wrong. Words come from the Unicode word segmenter
// built into Node and Chromium (Intl.Segmenter, ICU's Chinese dictionary), corrected where it errs
// on newsroom language: a dictionary of terms it splits (学习强国, 线下, 科创 …), numbers kept with
// their units (2023年, 300亿元), and the one-character suffixes of institutions and abstractions
// (区 委 会 部 局 化 型 …) kept with the word before them (徐汇区, 区委, 委员会, 信息化).
// Deterministic for a given ICU version: the same text gives the same boundaries.

/** Terms the segmenter splits that a newsroom never breaks. */
const TERMS = [
  '学习强国',
  '强国有我',
  '学无止境',
  '线下',
  '线上',
  '科创',
  '政银',
  '普惠',
  '小微',
  '疫情',
  '两新',
  '二十大',
  '党的二十大',
  '十四五',
  '一网通办',
  '一网统管',
  '网信',
  '网信办',
  '深改委',
  '人大',
  '政协',
  '营商环境',
  '网络安全',
  '数字化',
  '新时代',
  '习近平',
  '座谈会',
  '发布会',
  '新闻发布会',
  '徐汇滨江',
  '西岸智塔',
  '长三角',
  '中国式现代化',
  '高质量发展',
  '街镇',
  '党群',
  '党组织',
  '知识竞赛',
  '主旋律',
  '人民代表大会',
  '区长',
  '市长',
  '书记',
  '多层',
  '加装',
  '老旧小区',
  '社区食堂',
];

/** Ordinals and counted Han numbers (第十七届, 第三次, 十四届): one word. */
const ORDINAL = /第?[零〇一二两三四五六七八九十百千]+[届次期批号]|第[零〇一二两三四五六七八九十百千0-9]+/g;

/** One-character suffixes that belong to the word before them. */
const SUFFIXES = new Set([...'区委会部局办处厅院站所室队组团社型性化式界员者家率届期']);
/** Units a number is never parted from. */
const UNITS = new Set([...'年月日时分秒号届次期个家台位名人件项万亿元米岁倍%％']);

let segmenter: Intl.Segmenter | null | undefined;
function wordSegmenter(): Intl.Segmenter | null {
  if (segmenter === undefined)
    segmenter =
      typeof Intl !== 'undefined' && 'Segmenter' in Intl
        ? new Intl.Segmenter('zh', { granularity: 'word' })
        : null;
  return segmenter;
}

/**
 * Makes the word segmenter ready (its first construction and use load ICU's dictionary, tens of
 * ms): called while the window waits for the network, so the first layout does not pay for it.
 */
export function warmWordSegmenter(): void {
  const s = wordSegmenter();
  if (s) for (const _ of s.segment('学习强国')) void _;
}

const isHan = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x2ffff);
const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);

/**
 * Word boundaries of `text`: out[i] is 1 where a word starts at UTF-16 offset i (0 and text.length
 * always). Without a segmenter every Han character is its own word, so breaking is never worse
 * than today's.
 */
export function wordBoundaries(text: string): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  out[0] = 1;
  out[text.length] = 1;
  const seg = wordSegmenter();
  if (seg) for (const s of seg.segment(text)) out[s.index] = 1;
  else for (let i = 0; i < text.length; i++) out[i] = 1;

  // Newsroom terms: no boundary inside one (longer terms last, so 党的二十大 wins over 二十大).
  for (const term of TERMS_BY_LENGTH) {
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
      for (let k = i + 1; k < i + term.length; k++) out[k] = 0;
      out[i] = 1;
      out[i + term.length] = 1;
    }
  }
  for (const m of text.matchAll(ORDINAL)) {
    for (let k = m.index + 1; k < m.index + m[0].length; k++) out[k] = 0;
    out[m.index] = 1;
    out[m.index + m[0].length] = 1;
  }
  // A one-character suffix joins the Han word before it; units join the number before them.
  let number = false;
  let i = 0;
  while (i < text.length) {
    const c = text.codePointAt(i)!;
    const ch = String.fromCodePoint(c);
    const next = i + ch.length;
    if (i > 0 && out[i]) {
      const before = text.codePointAt(i - 1)!;
      if (UNITS.has(ch) && number) out[i] = 0;
      else if (SUFFIXES.has(ch) && out[next] && isHan(before)) out[i] = 0;
    }
    number = isDigit(c) || (number && UNITS.has(ch));
    i = next;
  }
  return out;
}

const TERMS_BY_LENGTH = [...TERMS].sort((a, b) => a.length - b.length);
