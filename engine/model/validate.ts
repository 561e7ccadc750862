// One idea: the edition's validation table, one pass over the model; kept whole because every section
// shares its problem collector and id maps (validateEdition is one function).
// Editions come from files, from the editor and from imports: each is checked before layout sees it,
// every problem named by its path in the document (pages[0].placements[1].regions[0].cols), all at once.
// Old files are brought up to the current schema first (migrate.ts); nothing is dropped silently.
import type {
  AdSlot,
  Article,
  Guide,
  Asset,
  Block,
  BlockType,
  Edition,
  GridRect,
  Page,
  PageRule,
  Placement,
  RuleStyle,
  TextLeaf,
} from './types';
import { EDITION_SCHEMA_VERSION } from './types';
import { migrateEdition } from './migrate';
import { ARTICLE_STATUSES } from './status';
import { articleChains } from './chain';
import { checkFontMapping } from '../fonts/mapping';
import { readStoryFields } from './story-type';
import { checkEditionOutput, emptyOutput } from './output';

/** `zh`: what the editor reads (the app and the store's refusals show it); `path` and `message` are for files and logs. */
export interface EditionProblem {
  path: string;
  message: string;
  zh?: string;
}

export class EditionError extends Error {
  constructor(
    readonly problems: EditionProblem[],
    readonly source = 'edition',
  ) {
    super(problems.map((p) => `${source}: ${p.path}: ${p.message}`).join('\n'));
    this.name = 'EditionError';
  }
}

/** No edition nests deeper than this (edition → pages → placements → regions … is about 8). */
const MAX_DEPTH = 64;

/** The path of the first value nested deeper than MAX_DEPTH, found without recursion; null if none. */
function tooDeep(raw: unknown): string | null {
  const stack: [unknown, number, string][] = [[raw, 0, '']];
  while (stack.length) {
    const [v, depth, path] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > MAX_DEPTH) return path.split('.').slice(0, 3).join('.') + '…';
    for (const [k, c] of Object.entries(v)) stack.push([c, depth + 1, path ? `${path}.${k}` : k]);
  }
  return null;
}

/** Every block type an article may hold (repair and the store's block check read this list too). */
export const BLOCK_TYPES: readonly BlockType[] = [
  'kicker',
  'headline',
  'subhead',
  'dateline',
  'paragraph',
  'crosshead',
  'byline',
  'source',
  'photo',
];
const STATUSES: readonly string[] = ARTICLE_STATUSES;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks and normalises an edition (any schema version this build knows), returning a new object of
 * the current schema. `source` names the file in messages. Throws EditionError.
 */
export function validateEdition(raw: unknown, source = 'edition'): Edition {
  const problems: EditionProblem[] = [];
  const fail = (path: string, message: string, zh?: string): void => {
    problems.push(zh ? { path, message, zh } : { path, message });
  };
  if (!isObj(raw))
    throw new EditionError(
      [{ path: '(document)', message: 'is not an edition: expected a JSON object' }],
      source,
    );
  const deep = tooDeep(raw);
  if (deep)
    throw new EditionError(
      [
        {
          path: deep,
          message: `is nested more than ${MAX_DEPTH} levels deep; an edition never is (嵌套过深)`,
        },
      ],
      source,
    );
  let e: Obj;
  try {
    e = migrateEdition(raw) as unknown as Obj;
  } catch (err) {
    throw new EditionError([{ path: 'schemaVersion', message: (err as Error).message }], source);
  }

  const str = (v: unknown, path: string): string => {
    if (typeof v !== 'string' || !v)
      fail(
        path,
        v === undefined ? 'is missing' : 'must be a non-empty string',
        `${path} ${v === undefined ? '缺失' : '应为非空文字'}`,
      );
    return typeof v === 'string' ? v : '';
  };
  const int = (v: unknown, path: string, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      fail(
        path,
        v === undefined ? 'is missing' : `must be a whole number, got ${JSON.stringify(v)}`,
        `${path} ${v === undefined ? '缺失' : `应为整数，却是 ${JSON.stringify(v)}`}`,
      );
      return min;
    }
    if (v < min || v > max)
      fail(
        path,
        `must be between ${min} and ${max}, got ${v}`,
        `${path} 应在 ${min} 到 ${max} 之间，却是 ${v}`,
      );
    return v;
  };
  const num = (v: unknown, path: string, min: number, max: number): number => {
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      fail(path, `must be a number, got ${JSON.stringify(v)}`, `${path} 应为数字，却是 ${JSON.stringify(v)}`);
      return min;
    }
    if (v < min || v > max)
      fail(
        path,
        `must be between ${min} and ${max}, got ${v}`,
        `${path} 应在 ${min} 到 ${max} 之间，却是 ${v}`,
      );
    return v;
  };

  const id = str(e.id, 'id');
  const paperO = isObj(e.paper)
    ? e.paper
    : (fail('paper', "is missing: an object with the paper's name"), {} as Obj);
  const paper: Edition['paper'] = { name: str(paperO.name, 'paper.name') };
  if (paperO.serial !== undefined) paper.serial = str(paperO.serial, 'paper.serial');
  const date = str(e.date, 'date');
  if (date && !validDate(date)) fail('date', `"${date}" is not a date written YYYY-MM-DD`);
  const issue = e.issue === null || e.issue === undefined ? null : int(e.issue, 'issue', 1);
  const totalIssue =
    e.totalIssue === null || e.totalIssue === undefined ? null : int(e.totalIssue, 'totalIssue', 1);

  // Assets first: photos refer to them.
  const assets: Asset[] = [];
  const assetIds = new Set<string>();
  if (!Array.isArray(e.assets)) {
    if (e.assets !== undefined) fail('assets', 'must be a list');
  } else
    e.assets.forEach((a, i) => {
      const p = `assets[${i}]`;
      if (!isObj(a)) return fail(p, 'must be an object');
      const aid = str(a.id, `${p}.id`);
      if (assetIds.has(aid)) fail(`${p}.id`, `"${aid}" is used by another asset`);
      assetIds.add(aid);
      if (a.mime !== 'image/jpeg' && a.mime !== 'image/png')
        fail(`${p}.mime`, `must be image/jpeg or image/png, got ${JSON.stringify(a.mime)}`);
      if (a.colorSpace !== 'rgb' && a.colorSpace !== 'cmyk' && a.colorSpace !== 'gray')
        fail(`${p}.colorSpace`, `must be rgb, cmyk or gray, got ${JSON.stringify(a.colorSpace)}`);
      const data =
        typeof a.data === 'string' ? a.data : (fail(`${p}.data`, 'must be the image as base64 text'), '');
      assets.push({
        id: aid,
        mime: a.mime as Asset['mime'],
        pixelWidth: int(a.pixelWidth, `${p}.pixelWidth`, 1, 100000),
        pixelHeight: int(a.pixelHeight, `${p}.pixelHeight`, 1, 100000),
        colorSpace: a.colorSpace as Asset['colorSpace'],
        data,
      });
    });

  const articles: Article[] = [];
  const articleBlocks = new Map<string, Block[]>();
  if (!Array.isArray(e.articles)) fail('articles', 'must be a list');
  else
    e.articles.forEach((a, i) => {
      const p = `articles[${i}]`;
      if (!isObj(a)) return fail(p, 'must be an object');
      const aid = str(a.id, `${p}.id`);
      if (articleBlocks.has(aid)) fail(`${p}.id`, `"${aid}" is used by another article`);
      const status = a.status === undefined ? 'draft' : a.status;
      if (!STATUSES.includes(status as string))
        fail(`${p}.status`, `must be one of ${STATUSES.join(', ')}, got ${JSON.stringify(status)}`);
      const blocks: Block[] = [];
      if (!Array.isArray(a.blocks)) fail(`${p}.blocks`, 'must be a list of blocks');
      else
        a.blocks.forEach((b, j) => {
          const bp = `${p}.blocks[${j}]`;
          if (!isObj(b)) return fail(bp, 'must be an object');
          if (!BLOCK_TYPES.includes(b.type as BlockType))
            return fail(
              `${bp}.type`,
              `must be one of ${BLOCK_TYPES.join(', ')}, got ${JSON.stringify(b.type)}`,
            );
          const children = leaves(b.children, `${bp}.children`, fail);
          if (b.type === 'photo') {
            const asset = b.asset === null || b.asset === undefined ? null : str(b.asset, `${bp}.asset`);
            if (asset !== null && !assetIds.has(asset))
              fail(
                `${bp}.asset`,
                `names the asset "${asset}", which the edition does not have`,
                `稿件“${aid}”第 ${j + 1} 段的图片“${asset}”不在本期中`,
              );
            const block: Block = { type: 'photo', asset, children };
            if (b.credit !== undefined) block.credit = str(b.credit, `${bp}.credit`);
            blocks.push(block);
          } else blocks.push({ type: b.type as Exclude<BlockType, 'photo'>, children });
        });
      const headline = blocks.find((b) => b.type === 'headline');
      const headText = headline
        ? headline.children
            .map((l) => l.text)
            .join('')
            .slice(0, 24)
        : '';
      const slug = typeof a.slug === 'string' && a.slug ? a.slug : headText || aid;
      articleBlocks.set(aid, blocks);
      articles.push({ id: aid, slug, status: status as Article['status'], blocks });
    });

  const pages: Page[] = [];
  const pageNumbers = new Set<number>();
  const placedOn = new Map<string, string>();
  const placedTwice: { article: string; path: string; first: string }[] = [];
  const pagePaths = new Map<number, string>();
  if (!Array.isArray(e.pages)) fail('pages', 'must be a list');
  else
    e.pages.forEach((pg, i) => {
      const p = `pages[${i}]`;
      if (!isObj(pg)) return fail(p, 'must be an object');
      const number = int(pg.number, `${p}.number`, 1, 999);
      if (pageNumbers.has(number)) fail(`${p}.number`, `page ${number} appears twice`);
      pageNumbers.add(number);
      const placements: Placement[] = [];
      if (!Array.isArray(pg.placements)) fail(`${p}.placements`, 'must be a list');
      else
        pg.placements.forEach((pl, j) => {
          const pp = `${p}.placements[${j}]`;
          if (!isObj(pl)) return fail(pp, 'must be an object');
          const art = str(pl.article, `${pp}.article`);
          const blocks = articleBlocks.get(art);
          if (art && !blocks)
            fail(
              `${pp}.article`,
              `names the article "${art}", which the edition does not have`,
              `第 ${typeof pg.number === 'number' ? pg.number : i + 1} 版上的稿件“${art}”不在本期中`,
            );
          // A second placement is a continuation (转版) when the parts are linked; judged once all pages are read.
          if (art && placedOn.has(art))
            placedTwice.push({ article: art, path: `${pp}.article`, first: placedOn.get(art)! });
          else placedOn.set(art, pp);
          const regions: GridRect[] = [];
          if (!Array.isArray(pl.regions)) fail(`${pp}.regions`, 'must be a list of grid regions');
          else
            pl.regions.forEach((r, k) => {
              const g = gridRect(r, `${pp}.regions[${k}]`, fail, int, num);
              if (g) regions.push(g);
            });
          const placement: Placement = { article: art, regions, photos: [] };
          if (pl.headline !== undefined) {
            const h = pl.headline;
            if (!isObj(h)) fail(`${pp}.headline`, 'must be an object');
            else {
              const area = gridRect(h.area, `${pp}.headline.area`, fail, int, num);
              const orientation = h.orientation ?? 'horizontal';
              if (orientation !== 'horizontal' && orientation !== 'vertical')
                fail(
                  `${pp}.headline.orientation`,
                  `must be horizontal or vertical, got ${JSON.stringify(orientation)}`,
                );
              const align = h.align ?? 'center';
              if (align !== 'left' && align !== 'center')
                fail(`${pp}.headline.align`, `must be left or center, got ${JSON.stringify(align)}`);
              if (area) {
                placement.headline = {
                  area,
                  orientation: orientation as 'horizontal',
                  align: align as 'left',
                };
                if (h.style !== undefined) placement.headline.style = str(h.style, `${pp}.headline.style`);
                if (h.standoff !== undefined)
                  placement.headline.standoff = num(h.standoff, `${pp}.headline.standoff`, 0, 5);
              }
            }
          }
          if (pl.photos !== undefined && !Array.isArray(pl.photos)) fail(`${pp}.photos`, 'must be a list');
          else
            ((pl.photos as unknown[] | undefined) ?? []).forEach((ph, k) => {
              const fp = `${pp}.photos[${k}]`;
              if (!isObj(ph)) return fail(fp, 'must be an object');
              const block = int(ph.block, `${fp}.block`, 0);
              if (blocks && blocks[block]?.type !== 'photo')
                fail(
                  `${fp}.block`,
                  `block ${block} of "${art}" is not a photo`,
                  `稿件“${art}”的图框指向第 ${block + 1} 段，那一段不是图片`,
                );
              const area = gridRect(ph.area, `${fp}.area`, fail, int, num);
              const fit = ph.fit ?? 'fill';
              if (fit !== 'fit' && fit !== 'fill')
                fail(`${fp}.fit`, `must be fit or fill, got ${JSON.stringify(fit)}`);
              const captionLines =
                ph.captionLines === undefined ? 0 : int(ph.captionLines, `${fp}.captionLines`, 0, 20);
              if (area && captionLines >= area.lines)
                fail(
                  `${fp}.captionLines`,
                  `${captionLines} caption lines leave no room for the picture in a ${area.lines}-line frame`,
                );
              if (area) {
                const frame: Placement['photos'][number] = { block, area, fit: fit as 'fit', captionLines };
                if (ph.cropX !== undefined) frame.cropX = num(ph.cropX, `${fp}.cropX`, -1, 1);
                if (ph.cropY !== undefined) frame.cropY = num(ph.cropY, `${fp}.cropY`, -1, 1);
                if (ph.scale !== undefined) frame.scale = num(ph.scale, `${fp}.scale`, 0.1, 10000);
                if (ph.standoff !== undefined) frame.standoff = num(ph.standoff, `${fp}.standoff`, 0, 5);
                placement.photos.push(frame);
              }
            });
          if (pl.box !== undefined) {
            if (!isObj(pl.box)) fail(`${pp}.box`, 'must be an object with an inset in 字');
            else placement.box = { inset: num(pl.box.inset, `${pp}.box.inset`, 0, 5) };
          }
          if (pl.wrap !== undefined) {
            if (!isObj(pl.wrap)) fail(`${pp}.wrap`, 'must be an object, with an optional stand-off in 字');
            else
              placement.wrap =
                pl.wrap.standoff === undefined
                  ? {}
                  : { standoff: num(pl.wrap.standoff, `${pp}.wrap.standoff`, 0, 5) };
          }
          if (pl.balance !== undefined) {
            if (typeof pl.balance !== 'boolean') fail(`${pp}.balance`, 'must be true or false');
            else if (pl.balance) placement.balance = true;
          }
          if (pl.vertical !== undefined) {
            if (typeof pl.vertical !== 'boolean') fail(`${pp}.vertical`, 'must be true or false');
            else if (pl.vertical) placement.vertical = true;
          }
          if (pl.jumpHeadline !== undefined) {
            if (typeof pl.jumpHeadline !== 'boolean') fail(`${pp}.jumpHeadline`, 'must be true or false');
            else if (pl.jumpHeadline) placement.jumpHeadline = true;
          }
          readStoryFields(pl, placement, pp, fail, num);
          if (pl.continuesOn !== undefined) {
            if (!isObj(pl.continuesOn))
              fail(`${pp}.continuesOn`, 'must be { "page": N }, the page the story continues on');
            else placement.continuesOn = { page: int(pl.continuesOn.page, `${pp}.continuesOn.page`, 1, 999) };
          }
          if (!regions.length && !placement.headline && !placement.photos.length)
            fail(
              `${pp}.regions`,
              'the placement has no region, headline or photo: nothing of the article would show',
              `稿件“${art}”在版上没有文字区、标题区或图框`,
            );
          placements.push(placement);
        });
      const page: Page = {
        id: str(pg.id, `${p}.id`),
        number,
        section:
          typeof pg.section === 'string'
            ? pg.section
            : (fail(`${p}.section`, "is missing: the page's section name (版名)"), ''),
        template: str(pg.template, `${p}.template`),
        placements,
      };
      if (pg.rules !== undefined) {
        if (!Array.isArray(pg.rules)) fail(`${p}.rules`, 'must be a list of rules');
        else {
          const rules: PageRule[] = [];
          pg.rules.forEach((r, k) => {
            const rule = pageRule(r, `${p}.rules[${k}]`, fail, int);
            if (rule) rules.push(rule);
          });
          page.rules = rules;
        }
      }
      if (pg.autoRules !== undefined) {
        if (typeof pg.autoRules !== 'boolean') fail(`${p}.autoRules`, 'must be true or false');
        else if (!pg.autoRules) page.autoRules = false;
      }
      if (pg.guides !== undefined) {
        if (!Array.isArray(pg.guides)) fail(`${p}.guides`, 'must be a list of guides');
        else {
          const guides: Guide[] = [];
          pg.guides.forEach((gd, k) => {
            const gp = `${p}.guides[${k}]`;
            if (!isObj(gd) || (gd.axis !== 'h' && gd.axis !== 'v'))
              return fail(gp, 'must be { "axis": "h" | "v", "at": points }');
            guides.push({ axis: gd.axis, at: num(gd.at, `${gp}.at`, -1000, 10000) });
          });
          if (guides.length) page.guides = guides;
        }
      }
      if (pg.ads !== undefined) {
        if (!Array.isArray(pg.ads)) fail(`${p}.ads`, 'must be a list of ad slots');
        else {
          const ads: AdSlot[] = [];
          const seen = new Set<string>();
          pg.ads.forEach((ad, k) => {
            const ap = `${p}.ads[${k}]`;
            if (!isObj(ad)) return fail(ap, 'must be an object');
            const adId = str(ad.id, `${ap}.id`);
            if (seen.has(adId))
              fail(`${ap}.id`, `ad slot ${adId} appears twice`, `第 ${number} 版的广告位 ${adId} 出现了两次`);
            seen.add(adId);
            if (typeof ad.label !== 'string')
              fail(`${ap}.label`, "must be text: the advertiser or the ad's name");
            const slot: AdSlot = {
              id: adId,
              label: typeof ad.label === 'string' ? ad.label : '',
              col: int(ad.col, `${ap}.col`, 0),
              cols: int(ad.cols, `${ap}.cols`, 1),
              line: int(ad.line, `${ap}.line`, 0),
              lines: int(ad.lines, `${ap}.lines`, 1),
            };
            if (ad.shift !== undefined) slot.shift = int(ad.shift, `${ap}.shift`, -MAX_SHIFT, MAX_SHIFT);
            if (ad.asset !== undefined) {
              const asset = str(ad.asset, `${ap}.asset`);
              if (!assetIds.has(asset))
                fail(
                  `${ap}.asset`,
                  `names the asset "${asset}", which the edition does not have`,
                  `第 ${number} 版广告位“${slot.label}”的图片不在本期中`,
                );
              slot.asset = asset;
            }
            ads.push(slot);
          });
          if (ads.length) page.ads = ads;
        }
      }
      pages.push(page);
      pagePaths.set(number, p);
    });

  const linked = new Set(
    pages.flatMap((pg) => pg.placements.filter((pl) => pl.continuesOn).map((pl) => pl.article)),
  );
  for (const d of placedTwice)
    if (!linked.has(d.article))
      fail(
        d.path,
        `"${d.article}" is already placed at ${d.first}`,
        `稿件“${d.article}”上了两次版，却没有用转版连起来`,
      );
  for (const c of articleChains({ pages } as Edition).problems) {
    if (linked.has(c.article))
      fail(`${pagePaths.get(c.page)}.placements[${c.index}].continuesOn`, c.message, c.zh);
  }

  let styles: Edition['styles'];
  if (e.styles !== undefined) {
    if (!isObj(e.styles) || !Object.values(e.styles).every(isObj))
      fail('styles', 'must map style names to objects of style fields');
    else styles = structuredClone(e.styles) as Edition['styles'];
  }
  let fonts: Edition['fonts'];
  if (e.fonts !== undefined) {
    const checked = checkFontMapping(e.fonts, 'fonts');
    for (const p of checked.problems)
      fail(p.field, p.message, `字体设定 ${p.field}：角色名须是一个词，字体须写名称`);
    fonts = checked.mapping;
  }
  let output: Edition['output'];
  if (e.output !== undefined) {
    const checked = checkEditionOutput(e.output);
    for (const p of checked.problems) fail(p.field, p.message, p.zh);
    output = checked.output;
  }
  let comments: Edition['comments'];
  if (e.comments !== undefined) {
    if (!Array.isArray(e.comments)) fail('comments', 'must be a list');
    else {
      e.comments.forEach((c, i) => {
        if (!isObj(c)) return fail(`comments[${i}]`, 'must be an object');
        str(c.id, `comments[${i}].id`);
        if (!articleBlocks.has(c.article as string))
          fail(
            `comments[${i}].article`,
            `names the article ${JSON.stringify(c.article)}, which the edition does not have`,
            `批注所属的稿件 ${JSON.stringify(c.article)} 不在本期中`,
          );
        if (typeof c.text !== 'string') fail(`comments[${i}].text`, 'must be text');
      });
      comments = structuredClone(e.comments) as Edition['comments'];
    }
  }

  if (problems.length) throw new EditionError(problems, source);
  pages.sort((a, b) => a.number - b.number);
  const out: Edition = {
    schemaVersion: EDITION_SCHEMA_VERSION,
    id,
    paper,
    date,
    issue,
    totalIssue,
    pages,
    articles,
    assets,
  };
  if (styles) out.styles = styles;
  if (fonts && Object.keys(fonts).length) out.fonts = fonts;
  if (comments) out.comments = comments;
  if (!emptyOutput(output)) out.output = output;
  return out;
}

/** The problems as the editor reads them, in Chinese, at most `limit` of them. */
export function problemsInChinese(problems: EditionProblem[], limit = 5): string {
  const lines = problems.slice(0, limit).map((p) => p.zh ?? `${p.path}：${p.message}`);
  if (problems.length > limit) lines.push(`……另有 ${problems.length - limit} 处`);
  return lines.join('；');
}

function leaves(v: unknown, path: string, fail: (p: string, m: string) => void): TextLeaf[] {
  if (!Array.isArray(v)) {
    fail(path, 'must be a list of text leaves');
    return [];
  }
  const out: TextLeaf[] = [];
  v.forEach((l, i) => {
    if (!isObj(l) || typeof l.text !== 'string')
      return fail(`${path}[${i}]`, 'must be a text leaf { "text": "…" }');
    const leaf: TextLeaf = { text: l.text };
    if (l.bold === true) leaf.bold = true;
    if (l.emphasis === true) leaf.emphasis = true;
    if (l.size !== undefined) {
      if (typeof l.size === 'number' && l.size >= 4 && l.size <= 200) leaf.size = l.size;
      else fail(`${path}[${i}].size`, `must be a type size of 4–200 pt, got ${JSON.stringify(l.size)}`);
    }
    if (l.role !== undefined) {
      if (typeof l.role === 'string' && l.role) leaf.role = l.role;
      else fail(`${path}[${i}].role`, 'must be a font role name (书宋, 黑体 …)');
    }
    if (l.tracking !== undefined) {
      if (typeof l.tracking === 'number' && Math.abs(l.tracking) <= 0.5) leaf.tracking = l.tracking;
      else
        fail(`${path}[${i}].tracking`, `must be a 字距 of −0.5 to 0.5 em, got ${JSON.stringify(l.tracking)}`);
    }
    out.push(leaf);
  });
  // Slate keeps at least one leaf in every element.
  if (!out.length) out.push({ text: '' });
  return out;
}

/** The farthest a frame may be nudged off its columns, in 字 (a 对开 page is under 200 字 wide). */
export const MAX_SHIFT = 200;

function gridRect(
  v: unknown,
  path: string,
  fail: (p: string, m: string) => void,
  int: (v: unknown, p: string, min: number, max?: number) => number,
  num: (v: unknown, p: string, min: number, max: number) => number,
): GridRect | null {
  if (!isObj(v)) {
    fail(path, v === undefined ? 'is missing' : 'must be a grid rectangle { col, cols, line, lines }');
    return null;
  }
  const g: GridRect = {
    col: int(v.col, `${path}.col`, 0),
    cols: int(v.cols, `${path}.cols`, 1),
    line: int(v.line, `${path}.line`, 0),
    lines: int(v.lines, `${path}.lines`, 1),
  };
  if (v.indentLeft !== undefined) g.indentLeft = num(v.indentLeft, `${path}.indentLeft`, 0, 200);
  if (v.indentRight !== undefined) g.indentRight = num(v.indentRight, `${path}.indentRight`, 0, 200);
  if (v.columns !== undefined) g.columns = int(v.columns, `${path}.columns`, 1, 20);
  if (v.shift !== undefined) g.shift = int(v.shift, `${path}.shift`, -MAX_SHIFT, MAX_SHIFT);
  return g;
}

const RULE_STYLES: readonly RuleStyle[] = ['thin', 'thick', 'double', 'dotted'];

function pageRule(
  v: unknown,
  path: string,
  fail: (p: string, m: string) => void,
  int: (v: unknown, p: string, min: number, max?: number) => number,
): PageRule | null {
  if (!isObj(v)) {
    fail(path, 'must be a rule { line, col, cols, style } (across) or { gutter, line, lines, style } (down)');
    return null;
  }
  const style = (v.style ?? 'thin') as RuleStyle;
  if (!RULE_STYLES.includes(style))
    fail(`${path}.style`, `must be one of ${RULE_STYLES.join(', ')}, got ${JSON.stringify(v.style)}`);
  if (v.gutter !== undefined)
    return {
      gutter: int(v.gutter, `${path}.gutter`, 1),
      line: int(v.line, `${path}.line`, 0),
      lines: int(v.lines, `${path}.lines`, 1),
      style,
    };
  return {
    line: int(v.line, `${path}.line`, 0),
    col: int(v.col, `${path}.col`, 0),
    cols: int(v.cols, `${path}.cols`, 1),
    style,
  };
}

function validDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ][mo - 1];
  return d <= days;
}
