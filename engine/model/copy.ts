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

/**
 * Word's and LibreOffice's style names (English, and the Chinese names newsrooms give their templates),
 * HTML tags and classes → roles. Word's "Heading 2" and below are section heads inside the story
 * (小标题), not the 副题 of the headline block. "Subtitle" is resolved by where it stands: above the
 * headline it is the 引题, below it the 副题 (blocksFromCopy).
 */
const STYLE_ROLES: [RegExp, Role | 'subtitle'][] = [
  [/kicker|引题|肩题|眉题/i, 'kicker'],
  [/^subtitle$|^副标题$/i, 'subtitle'],
  [/sub-?head|副题/i, 'subhead'],
  [/cross-?head|小标题|heading\s*[2-6]|^h[2-6]$|^[2-6]$|^标题\s*[2-6]$/i, 'crosshead'],
  [/^title$|headline|主题|^主标题$|^标题$|^标题\s*1$|^h1$|heading\s*1$|^1$|msotitle/i, 'headline'],
  [/dateline|电头/i, 'dateline'],
  [/byline|署名|作者/i, 'byline'],
  [/caption|题注|图片说明|图说|图注|figcaption/i, 'caption'],
  [/^source$|来源/i, 'source'],
];

export function roleOfStyle(style: string | undefined): Role | 'subtitle' | undefined {
  if (!style) return undefined;
  const s = style.trim();
  for (const [re, role] of STYLE_ROLES) if (re.test(s)) return role;
  return undefined;
}

const CJK =
  '\\u2e80-\\u2fff\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef';
const SPACE_BETWEEN_CJK = new RegExp(`(?<=[${CJK}]) +(?=[${CJK}])`, 'g');

/** Whitespace as the page wants it: none between Chinese characters, single spaces elsewhere. */
export function cleanRuns(runs: TextLeaf[], opts: { phraseSpace?: boolean } = {}): TextLeaf[] {
  const out: TextLeaf[] = [];
  for (const r of runs) {
    const text = r.text
      .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
      .replace(/[\s\u00a0]+/g, (m) => (m.includes('\u3000') && !/[^\u3000]/.test(m) ? '\u3000' : ' '));
    if (!text) continue;
    const last = out[out.length - 1];
    if (last && !!last.bold === !!r.bold && !!last.emphasis === !!r.emphasis) last.text += text;
    else
      out.push({
        text,
        ...(r.bold ? { bold: true as const } : {}),
        ...(r.emphasis ? { emphasis: true as const } : {}),
      });
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
    for (let k = 0; k < r.text.length; k++)
      if (keep[pos + k]) t += r.text[k];
      else if (phraseGap.has(pos + k)) t += '\u3000';
    pos += r.text.length;
    if (t) result.push({ ...r, text: t });
  }
  return result;
}

const DATELINE =
  /^(本报讯|本报[^\s，。,]{1,12}(?:讯|电)|新华社[^\s，。,]{1,24}电|中新社[^\s，。,]{1,24}电|[^\s，。,]{2,10}(?:社|网|台)[^\s，。,]{1,20}电|(?:本报)?记者[^\s，。,：:]{1,24}?报道)(?:\s*[（(][^）)]{1,40}[）)])?[:：]?[\s\u3000]*/;
const SOURCE = /^[（(](?:来源|稿件来源|来源于)[:：].{1,60}[）)]$/;
const BYLINE =
  /^(?:本报记者|记者|通讯员|实习生|文[/／:：]|撰文|作者[:：]|图[/／:：]|摄影|编辑[:：]|责任编辑)[\s\S]{0,38}$/;
/** A photo's caption by its wording: 图为…, or ending with the photographer's credit (…摄). */
const CAPTION = /^图为|(?:[（(][^（）()]{0,40}摄[）)]|摄影[:：/／]\s*\S{1,12})$/;
const SENTENCE_END = /[。！？!?]$/;
/** A role typed as a label at the head of the line (引题：…), as reporters do in plain text. */
const LABEL = /^(引题|肩题|眉题|主题|主标题|标题|副题|副标题|小标题|电头|图说|图片说明|图注|署名)\s*[:：]\s*/;
const LABEL_ROLES: Record<string, Role> = {
  引题: 'kicker',
  肩题: 'kicker',
  眉题: 'kicker',
  主题: 'headline',
  主标题: 'headline',
  标题: 'headline',
  副题: 'subhead',
  副标题: 'subhead',
  小标题: 'crosshead',
  电头: 'dateline',
  图说: 'caption',
  图片说明: 'caption',
  图注: 'caption',
  署名: 'byline',
};
/** A short numbered or bracketed line in the body of plain text: 一、…  （二）…  【…】 — a 小标题. */
const CROSSHEAD_WORDING =
  /^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|【[^】]{1,30}】$)/;
const DASH = /^[—–-]+\s*/;

const plain = (runs: TextLeaf[]) => runs.map((r) => r.text).join('');
const textBlock = (type: Exclude<BlockType, 'photo'>, runs: TextLeaf[]): Block => ({
  type,
  children: runs.length ? runs : [{ text: '' }],
});

/** Splits `n` characters off the front of runs (for the dateline). */
function splitRuns(runs: TextLeaf[], n: number): [TextLeaf[], TextLeaf[]] {
  const head: TextLeaf[] = [];
  const tail: TextLeaf[] = [];
  let left = n;
  for (const r of runs) {
    if (left <= 0) {
      tail.push(r);
      continue;
    }
    if (r.text.length <= left) {
      head.push(r);
      left -= r.text.length;
      continue;
    }
    head.push({ ...r, text: r.text.slice(0, left) });
    tail.push({ ...r, text: r.text.slice(left) });
    left = 0;
  }
  return [head, tail];
}

const isHeadRole = (r: Role | undefined) => r === 'kicker' || r === 'headline' || r === 'subhead';
/** A line that could be a head: short, no sentence end, not a dateline, byline or source by its wording. */
const headLike = (t: string) =>
  Array.from(t).length <= 40 &&
  !SENTENCE_END.test(t) &&
  !DATELINE.test(t) &&
  !BYLINE.test(t) &&
  !SOURCE.test(t) &&
  !CAPTION.test(t);

export function blocksFromCopy(paras: CopyParagraph[], opts: CopyOptions = {}): Block[] {
  const blocks: Block[] = [];
  const items = paras
    .map((p) => ({ role: roleOfStyle(p.style), runs: cleanRuns(p.runs), raw: p.runs, photo: p.photo }))
    .filter((p) => p.photo || p.runs.length);

  // Word's "Subtitle": above the headline it is the 引题, below it the 副题.
  const firstHead = items.findIndex((it) => it.role === 'headline');
  items.forEach((it, i) => {
    if (it.role === 'subtitle') it.role = firstHead >= 0 && i < firstHead ? 'kicker' : 'subhead';
  });
  const roleOf = (it: (typeof items)[number]) => it.role as Role | undefined;

  // Roles typed as labels (引题：…) are taken at their word, and the label goes.
  for (const it of items) {
    if (it.role || it.photo) continue;
    const m = LABEL.exec(plain(it.runs));
    if (!m) continue;
    it.role = LABEL_ROLES[m[1]];
    it.runs = splitRuns(it.runs, m[0].length)[1];
    it.raw = splitRuns(it.raw, (/^[\s\u3000]*/.exec(plain(it.raw))?.[0].length ?? 0) + m[0].length)[1];
  }

  // Unstyled heads: the short lines before the first sentence, told apart by their wording — a line
  // opening with a dash is the 副题; of the others one is the 主题, two are 引题 and 主题 when a 副题
  // follows and 主题 and 副题 otherwise, three are 引题, 主题, 副题.
  const styledHeads = items.some((it) => isHeadRole(roleOf(it)) && !LABEL.test(plain(it.raw).trim()));
  if (opts.guessHeads ?? !styledHeads) {
    let k = 0;
    while (
      k < items.length &&
      k < 4 &&
      !items[k].photo &&
      (isHeadRole(roleOf(items[k])) || (!items[k].role && headLike(plain(items[k].runs))))
    )
      k++;
    const heads = items.slice(0, k);
    const open = heads.filter((it) => !it.role);
    for (const it of open) if (DASH.test(plain(it.runs))) it.role = 'subhead';
    const others = open.filter((it) => !it.role);
    const hIdx = heads.findIndex((it) => it.role === 'headline');
    if (k < items.length && others.length) {
      if (hIdx >= 0) {
        // A labelled 主题: what stands above it is the 引题, below it the 副题.
        for (const it of others) it.role = heads.indexOf(it) < hIdx ? 'kicker' : 'subhead';
      } else if (others.length <= 3) {
        const hasSub = heads.some((it) => it.role === 'subhead');
        const names: Role[] =
          others.length === 1
            ? ['headline']
            : others.length === 2
              ? hasSub
                ? ['kicker', 'headline']
                : ['headline', 'subhead']
              : ['kicker', 'headline', 'subhead'];
        others.forEach((it, j) => {
          it.role = names[j];
        });
      }
    }
  }

  // A short unstyled line just before a styled headline is a kicker typed without its style.
  const h = items.findIndex((it) => it.role === 'headline');
  if (
    h > 0 &&
    !items[h - 1].role &&
    !items[h - 1].photo &&
    items.slice(0, h - 1).every((it) => it.role === 'kicker' || !plain(it.runs).trim())
  ) {
    if (headLike(plain(items[h - 1].runs))) items[h - 1].role = 'kicker';
  }

  const lastPhotoWithoutCaption = () => {
    const prev = blocks[blocks.length - 1];
    return prev?.type === 'photo' && !plain(prev.children) ? prev : null;
  };
  let sawBody = false;
  for (const it of items) {
    if (it.photo) {
      blocks.push({ type: 'photo', asset: it.photo.asset, children: [{ text: '' }] });
      if (it.runs.length) (blocks[blocks.length - 1] as Block).children = it.runs;
      continue;
    }
    const text = plain(it.runs);
    let role = roleOf(it);
    if (!role && !sawBody && DATELINE.exec(text)?.[0].length === text.length) role = 'dateline';
    if (!role) {
      if (SOURCE.test(text)) role = 'source';
      else if (BYLINE.test(text) && !SENTENCE_END.test(text)) role = 'byline';
      else if (Array.from(text).length <= 200 && CAPTION.test(text)) role = 'caption';
      else if (!opts.guessHeads || !sawBody || !CROSSHEAD_WORDING.test(text) || !headLike(text))
        role = 'paragraph';
      else role = 'crosshead';
    }
    if (role === 'caption') {
      // A caption belongs to the photo before it; without one it stands with an empty frame, so the
      // editor places the photo later and the caption is not set as body text.
      const cap = cleanRuns(it.runs.map((r) => ({ text: r.text })));
      const prev = lastPhotoWithoutCaption();
      if (prev) prev.children = cap;
      else blocks.push({ type: 'photo', asset: null, children: cap });
      continue;
    }
    if (role === 'kicker' || role === 'headline' || role === 'subhead' || role === 'crosshead') {
      // Bold in a heading is the heading's dress, which its style sets again.
      it.runs = cleanRuns(
        it.raw.map((r) => ({ text: r.text })),
        { phraseSpace: true },
      );
    } else if (role !== 'paragraph' && role !== 'source') {
      it.runs = cleanRuns(it.runs.map((r) => ({ text: r.text })));
    }
    if (role === 'subhead') {
      // The dash that introduces a subhead in typed copy is the typesetter's to set.
      const [dash, rest] = splitRuns(it.runs, DASH.exec(plain(it.runs))?.[0].length ?? 0);
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
