// Pasted HTML (from Word, WPS or a web page) → clean article blocks. Only what a newspaper article can
// hold survives: paragraphs, their roles (headings become kicker/headline/subhead/crosshead), bold and
// emphasis. Fonts, colours, sizes, Word's list bullets and comments are the source's dress, not copy.
import type { Block, TextLeaf } from './types';
import { tokenize, parseStyle } from './markup';
import { blocksFromCopy, type CopyOptions, type CopyParagraph } from './copy';

const BLOCK_TAGS = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'blockquote',
  'pre',
  'tr',
  'td',
  'th',
  'dt',
  'dd',
  'figcaption',
  'figure',
  'section',
  'article',
  'header',
  'footer',
  'table',
  'ul',
  'ol',
  'dl',
  'body',
  'center',
  'address',
  'caption',
]);
const SKIP_TAGS = new Set([
  'script',
  'style',
  'head',
  'title',
  'xml',
  'template',
  'noscript',
  'svg',
  'math',
  'select',
  'button',
  'iframe',
  'object',
]);
const VOID_TAGS = new Set([
  'br',
  'img',
  'hr',
  'meta',
  'link',
  'input',
  'col',
  'wbr',
  'area',
  'base',
  'source',
]);

interface Mark {
  name: string;
  bold?: boolean;
  emphasis?: boolean;
  skip?: boolean;
  style?: string;
}

/**
 * Turns clipboard HTML into article blocks. Never throws; markup it cannot read is taken as text.
 * `opts.guessHeads: false` is for a paste into a story that already has text: its short lines are the
 * story's own, not a new headline.
 */
export function cleanPastedHtml(html: string, opts: CopyOptions = {}): Block[] {
  return blocksFromCopy(pastedParagraphs(html), opts);
}

export function pastedParagraphs(html: string): CopyParagraph[] {
  // Word wraps the copied part in <!--StartFragment--> … <!--EndFragment-->; the rest is its furniture.
  const start = html.indexOf('<!--StartFragment-->');
  const end = html.indexOf('<!--EndFragment-->');
  const src = start >= 0 && end > start ? html.slice(start, end) : html;

  const paras: CopyParagraph[] = [];
  let cur: CopyParagraph = { runs: [] };
  const stack: Mark[] = [];
  let hiddenConditional = 0;

  // Each open element carries the state it leaves in force, so looking it up is constant time however
  // deep the nesting.
  const top = (): Mark => stack[stack.length - 1] ?? { name: '' };
  const blockStyle = (): string | undefined => top().style;
  const breakParagraph = () => {
    if (cur.runs.some((r) => r.text.trim()) || cur.photo) paras.push(cur);
    cur = { runs: [], style: blockStyle() };
  };
  const state = () => top();

  for (const t of tokenize(src, { lowerCase: true })) {
    if (t.kind === 'conditional') {
      // <![if !supportLists]>1.<![endif]>: Word's typed-out list numbers, for old browsers only.
      hiddenConditional = Math.max(0, hiddenConditional + (t.end ? -1 : 1));
      continue;
    }
    if (t.kind === 'text') {
      const s = state();
      if (s.skip || hiddenConditional) continue;
      const leaf: TextLeaf = { text: t.text };
      if (s.bold) leaf.bold = true;
      if (s.emphasis) leaf.emphasis = true;
      cur.runs.push(leaf);
      continue;
    }
    const name = t.name;
    if (t.kind === 'close') {
      // Close up to the matching open tag; a stray close tag is ignored.
      let at = stack.length - 1;
      while (at >= 0 && stack[at].name !== name) at--;
      if (at < 0) continue;
      const closed = stack.splice(at);
      if (closed.some((m) => BLOCK_TAGS.has(m.name))) breakParagraph();
      continue;
    }
    if (name === 'br') {
      if (!state().skip) breakParagraph();
      continue;
    }
    if (name === 'img') {
      if (state().skip || hiddenConditional) continue;
      breakParagraph();
      // A pasted picture's bytes are not on the clipboard's HTML: keep an empty frame so it is not lost.
      paras.push({ runs: [], photo: { asset: null, alt: t.attrs.alt } });
      cur = { runs: [], style: blockStyle() };
      continue;
    }
    if (VOID_TAGS.has(name) || t.selfClosing) continue;

    const css = parseStyle(t.attrs.style);
    const parent = top();
    const mark: Mark = {
      name,
      bold: parent.bold,
      emphasis: parent.emphasis,
      skip: parent.skip,
      style: parent.style,
    };
    if (
      SKIP_TAGS.has(name) ||
      css.display === 'none' ||
      css['mso-list'] === 'ignore' ||
      css['visibility'] === 'hidden'
    )
      mark.skip = true;
    if (name === 'b' || name === 'strong') mark.bold = true;
    if (name === 'i' || name === 'em' || name === 'cite' || name === 'dfn') mark.emphasis = true;
    const fw = css['font-weight'];
    if (fw) mark.bold = fw === 'bold' || fw === 'bolder' || Number(fw) >= 600;
    const fs = css['font-style'];
    if (fs) mark.emphasis = fs === 'italic' || fs === 'oblique';
    if (BLOCK_TAGS.has(name)) {
      breakParagraph();
      const cls = t.attrs.class ?? '';
      mark.style =
        (/^h[1-6]$/.test(name)
          ? name
          : name === 'figcaption' || name === 'caption'
            ? 'caption'
            : /msotitle\b/i.test(cls)
              ? 'Title'
              : /msosubtitle/i.test(cls)
                ? 'Subtitle'
                : /msoheading(\d)/i.test(cls)
                  ? `heading ${/msoheading(\d)/i.exec(cls)![1]}`
                  : /msocaption/i.test(cls)
                    ? 'caption'
                    : undefined) ?? parent.style;
      stack.push(mark);
      cur.style = blockStyle();
      continue;
    }
    stack.push(mark);
  }
  breakParagraph();
  return paras;
}
