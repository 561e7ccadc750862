// Reporters' copy → article blocks. Whatever the source (a .txt file, a .docx, a paste from Word or a
// web page), it first becomes a list of CopyParagraphs: runs of text with bold and emphasis, and a hint
// of the style the writer gave the paragraph. This module turns them into the article's blocks the way
// a layout editor would: style names in English or Chinese pick kicker, headline, subhead, crosshead;
// a dateline (本报讯 …) at the head of the first paragraph becomes its own block; source and byline
// lines are recognised; whitespace from justification and indenting is removed (setting it again is
// the typesetter's job, cjk-typesetting.md).
import type { Block, BlockType, TextLeaf } from './types';

export interface CopyParagraph {
  /** The style the writer used: a Word style name or id, an HTML tag or class. */
  style?: string;
  runs: TextLeaf[];
  /** A picture in the paragraph: an asset id, or null when the image could not be brought in. */
  photo?: { asset: string | null; alt?: string };
}

export interface CopyOptions {
  /**
   * Copy without head styles (plain text, or a Word file typed in Normal style): take the short lines
   * before the first body paragraph as kicker, headline and subhead, as reporters type them. By default
   * this is done when no paragraph carries a kicker, headline or subhead style.
   */
  guessHeads?: boolean;
}

type Role = Exclude<BlockType, 'photo'> | 'caption';

const STYLE_ROLES: [RegExp, Role][] = [
  [/kicker|引题|肩题|眉题/i, 'kicker'],
  [/subtitle|sub-?head|副题|副标题|^h2$|heading\s*2|^2$/i, 'subhead'],
  [/cross-?head|小标题|heading\s*[3-6]|^h[3-6]$|^[3-6]$/i, 'crosshead'],
  [/^title$|headline|主题|^标题$|^标题\s*1$|^h1$|heading\s*1|^1$|msotitle/i, 'headline'],
  [/dateline|电头/i, 'dateline'],
  [/byline|署名|作者/i, 'byline'],
  [/caption|题注|图片说明|图注|figcaption/i, 'caption'],
  [/^source$|来源/i, 'source'],
];

export function roleOfStyle(style: string | undefined): Role | undefined {
  if (!style) return undefined;
  const s = style.trim();
  for (const [re, role] of STYLE_ROLES) if (re.test(s)) return role;
  return undefined;
}

const CJK = '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, 'g');

/** Whitespace as the page wants it: none between Chinese characters, single spaces elsewhere. */
export function cleanRuns(runs: TextLeaf[], opts: { phraseSpace?: boolean } = {}): TextLeaf[] {
  const out: TextLeaf[] = [];
  for (const r of runs) {
    const text = r.text.replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '').replace(/[\s\u00a0]+/g, (m) => (m.includes('\u3000') && !/[^\u3000]/.test(m) ? '\u3000' : ' '));
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.emphasis === !!r.emphasis) last.text += text;
    else out.push({ text, ...(r.bold ? { bold: true as const } : {}), ...(r.emphasis ? { emphasis: true as const } : {}) });
  }
  // Spaces between CJK can span runs (加粗 | 正文): clean on the joined text, then cut it back.
  const joined = out.map((r) => r.text).join('');
  const keep: boolean[] = new Array(joined.length).fill(true);
  SPACE_BETWEEN_CJK.lastIndex = 0;
  // In a heading a typed space between two phrases (共学二十大 同谱新篇章) is a deliberate gap: it
  // becomes one ideographic space, which the typesetter keeps. In body text it is an accident.
  const phraseGap = new Set<number>();
  for (let m = SPACE_BETWEEN_CJK.exec(joined); m; m = SPACE_BETWEEN_CJK.exec(joined)) {
    for (let k = 0; k < m[0].length; k++) keep[m.index + k] = false;
    if (opts.phraseSpace) phraseGap.add(m.index);
  }
  // Leading indent (two ideographic spaces, or spaces) and trailing space go.
  let start = 0;
  while (start < joined.length && /[\s\u3000]/.test(joined[start])) keep[start++] = false;
  let end = joined.length - 1;
  while (end >= start && /[\s\u3000]/.test(joined[end])) keep[end--] = false;
  let pos = 0;
  const result: TextLeaf[] = [];
  for (const r of out) {
    let t = '';
    for (let k = 0; k < r.text.length; k++) if (keep[pos + k]) t += r.text[k]; else if (phraseGap.has(pos + k)) t += '\u3000';
    pos += r.text.length;
    if (t) result.push({ ...r, text: t });
  }
  return result;
}

const DATELINE = /^(本报讯|本报[^\s，。,]{1,12}(?:讯|电)|新华社[^\s，。,]{1,24}电|中新社[^\s，。,]{1,24}电|[^\s，。,]{2,10}(?:社|网|台)[^\s，。,]{1,20}电)(?:\s*[（(][^）)]{1,40}[）)])?[\s\u3000]*/;
const SOURCE = /^[（(](?:来源|稿件来源|来源于)[:：].{1,60}[）)]$/;
const BYLINE = /^(?:本报记者|记者|通讯员|实习生|文[\/／:：]|撰文|作者[:：]|图[\/／:：]|摄影|编辑[:：]|责任编辑)[\s\S]{0,38}$/;
const SENTENCE_END = /[。！？!?]$/;

const plain = (runs: TextLeaf[]) => runs.map((r) => r.text).join('');
const textBlock = (type: Exclude<BlockType, 'photo'>, runs: TextLeaf[]): Block => ({ type, children: runs.length ? runs : [{ text: '' }] });

/** Splits `n` characters off the front of runs (for the dateline). */
function splitRuns(runs: TextLeaf[], n: number): [TextLeaf[], TextLeaf[]] {
  const head: TextLeaf[] = [];
  const tail: TextLeaf[] = [];
  let left = n;
  for (const r of runs) {
    if (left <= 0) { tail.push(r); continue; }
    if (r.text.length <= left) { head.push(r); left -= r.text.length; continue; }
    head.push({ ...r, text: r.text.slice(0, left) });
    tail.push({ ...r, text: r.text.slice(left) });
    left = 0;
  }
  return [head, tail];
}

export function blocksFromCopy(paras: CopyParagraph[], opts: CopyOptions = {}): Block[] {
  const blocks: Block[] = [];
  const items = paras
    .map((p) => ({ role: roleOfStyle(p.style), runs: cleanRuns(p.runs), raw: p.runs, photo: p.photo }))
    .filter((p) => p.photo || p.runs.length);

  // Unstyled heads in plain text: the short lines before the first sentence.
  const styledHeads = items.some((it) => it.role === 'kicker' || it.role === 'headline' || it.role === 'subhead');
  if (opts.guessHeads ?? !styledHeads) {
    let k = 0;
    while (k < items.length && k < 3 && !items[k].role && !items[k].photo) {
      const t = plain(items[k].runs);
      if (Array.from(t).length > 40 || SENTENCE_END.test(t) || DATELINE.test(t)) break;
      k++;
    }
    if (k > 0 && k < items.length) {
      const roles: Role[][] = [[], ['headline'], ['headline', 'subhead'], ['kicker', 'headline', 'subhead']];
      const chosen = roles[k].slice();
      // A second line opening with a dash is the subhead; a first line before the headline is the kicker.
      if (k === 2 && !/^[—–-]/.test(plain(items[1].runs))) { chosen[0] = 'kicker'; chosen[1] = 'headline'; }
      for (let j = 0; j < k; j++) items[j].role = chosen[j];
    }
  }

  // A short unstyled line just before a styled headline is a kicker typed without its style.
  const h = items.findIndex((it) => it.role === 'headline');
  if (h > 0 && !items[h - 1].role && !items[h - 1].photo && items.slice(0, h - 1).every((it) => it.role === 'kicker' || !plain(it.runs).trim())) {
    const t = plain(items[h - 1].runs);
    if (Array.from(t).length <= 40 && !SENTENCE_END.test(t) && !DATELINE.test(t)) items[h - 1].role = 'kicker';
  }

  let sawBody = false;
  for (const it of items) {
    if (it.photo) {
      blocks.push({ type: 'photo', asset: it.photo.asset, children: [{ text: '' }] });
      if (it.runs.length) (blocks[blocks.length - 1] as Block).children = it.runs;
      continue;
    }
    const text = plain(it.runs);
    let role = it.role;
    if (role === 'caption') {
      const prev = blocks[blocks.length - 1];
      if (prev?.type === 'photo' && !plain(prev.children)) { prev.children = it.runs; continue; }
      role = 'paragraph';
    }
    if (!role) {
      if (SOURCE.test(text)) role = 'source';
      else if (BYLINE.test(text) && !SENTENCE_END.test(text)) role = 'byline';
      else if (/^图为/.test(text) && blocks[blocks.length - 1]?.type === 'photo' && !plain(blocks[blocks.length - 1].children)) {
        blocks[blocks.length - 1].children = it.runs;
        continue;
      } else role = 'paragraph';
    }
    if (role === 'kicker' || role === 'headline' || role === 'subhead' || role === 'crosshead') {
      // Bold in a heading is the heading's dress, which its style sets again.
      it.runs = cleanRuns(it.raw.map((r) => ({ text: r.text })), { phraseSpace: true });
    } else if (role !== 'paragraph' && role !== 'source') {
      it.runs = cleanRuns(it.runs.map((r) => ({ text: r.text })));
    }
    if (role === 'subhead') {
      // The dash that introduces a subhead in typed copy is the typesetter's to set.
      const [dash, rest] = splitRuns(it.runs, (/^[—–-]+\s*/.exec(plain(it.runs))?.[0].length) ?? 0);
      if (dash.length && rest.length) it.runs = rest;
    }
    if (role === 'paragraph' && !sawBody && !blocks.some((b) => b.type === 'dateline')) {
      const m = DATELINE.exec(text);
      if (m && m[0].length < text.length) {
        const [head, rest] = splitRuns(it.runs, m[0].length);
        blocks.push(textBlock('dateline', cleanRuns(head)));
        it.runs = rest;
      }
    }
    if (role === 'paragraph') sawBody = true;
    blocks.push(textBlock(role, it.runs));
  }
  return blocks;
}
