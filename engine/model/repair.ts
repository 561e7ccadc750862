// One idea: repair, one pass over the loader's rules, kept whole because each fix mirrors one check.
// Repair: an edition the loader refuses is never a dead end. Everything intact is kept — articles,
// photos, comments — and what is not is dropped, unlinked, emptied or clamped, each change listed in
// the editor's words. The result passes validateEdition, or repair says why it cannot.
import type { Edition, Placement, TextBlock } from './types';
import { EDITION_SCHEMA_VERSION } from './types';
import { migrateEdition } from './migrate';
import { ARTICLE_STATUSES } from './status';
import { BLOCK_TYPES, MAX_SHIFT, validateEdition } from './validate';
import { checkEditionOutput, emptyOutput } from './output';

export type RepairKind = 'dropped' | 'unlinked' | 'emptied' | 'clamped' | 'renamed' | 'restored';

/** One change repair made: what kind, where (a path in the edition), and what in Chinese. */
export interface RepairChange {
  kind: RepairKind;
  where: string;
  message: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const STATUSES: readonly string[] = ARTICLE_STATUSES;

/** A whole number from a number or numeric text, or null when there is none to be had. */
function wholeNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.round(n) : null;
}

/**
 * Repairs a raw edition (as read from a file, any schema this build knows). `fallbackDate` stands in for
 * a missing or impossible date. Throws when the document is not an edition at all.
 */
export function repairEdition(
  raw: unknown,
  fallbackDate = '2000-01-01',
): { edition: Edition; changes: RepairChange[] } {
  const changes: RepairChange[] = [];
  const note = (kind: RepairKind, where: string, message: string) => changes.push({ kind, where, message });
  if (!isObj(raw)) throw new Error('不是期次：文件里没有期次数据');
  const v = raw.schemaVersion;
  const e = migrateEdition({
    ...raw,
    schemaVersion: typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : EDITION_SCHEMA_VERSION,
  });

  // Edition information.
  const paperO = isObj(e.paper) ? e.paper : {};
  const paper: Edition['paper'] = {
    name:
      typeof paperO.name === 'string' && paperO.name
        ? paperO.name
        : (note('clamped', 'paper', '报名缺失，记为“未命名”'), '未命名'),
  };
  if (typeof paperO.serial === 'string' && paperO.serial) paper.serial = paperO.serial;
  else if (paperO.serial !== undefined) note('dropped', 'paper.serial', '删去无效的刊号');
  let date = typeof e.date === 'string' ? e.date : '';
  try {
    validateEdition({
      schemaVersion: EDITION_SCHEMA_VERSION,
      id: 'x',
      paper: { name: 'x' },
      date,
      issue: null,
      pages: [],
      articles: [],
    });
  } catch {
    note('clamped', 'date', `出版日期“${String(e.date ?? '')}”无效，改为 ${fallbackDate}`);
    date = fallbackDate;
  }
  const positive = (v: unknown, where: string, what: string): number | null => {
    if (v === null || v === undefined) return null;
    const n = wholeNumber(v);
    if (n !== null && n >= 1 && n === v) return n;
    note(
      n !== null && n >= 1 ? 'clamped' : 'dropped',
      where,
      n !== null && n >= 1
        ? `${what} ${JSON.stringify(v)} 改为 ${n}`
        : `删去无效的${what} ${JSON.stringify(v)}`,
    );
    return n !== null && n >= 1 ? n : null;
  };
  const issue = positive(e.issue, 'issue', '期号');
  const totalIssue = positive(e.totalIssue, 'totalIssue', '总期数');
  const id =
    typeof e.id === 'string' && e.id
      ? e.id
      : (note('clamped', 'id', '期次编号缺失，已补上'), `ed-${date}-repaired`);

  // Photos: an asset that is not a usable image description is dropped (photo blocks naming it are emptied below).
  const assets: Edition['assets'] = [];
  const assetIds = new Set<string>();
  (Array.isArray(e.assets) ? e.assets : []).forEach((a, i) => {
    const where = `assets[${i}]`;
    const w = isObj(a) ? wholeNumber(a.pixelWidth) : null;
    const h = isObj(a) ? wholeNumber(a.pixelHeight) : null;
    if (
      !isObj(a) ||
      typeof a.id !== 'string' ||
      !a.id ||
      assetIds.has(a.id) ||
      (a.mime !== 'image/jpeg' && a.mime !== 'image/png') ||
      typeof a.data !== 'string' ||
      !w ||
      !h ||
      w < 1 ||
      h < 1
    ) {
      return note(
        'dropped',
        where,
        `删去无法使用的图片${isObj(a) && typeof a.id === 'string' ? `“${a.id}”` : ''}`,
      );
    }
    const colorSpace =
      a.colorSpace === 'rgb' || a.colorSpace === 'cmyk' || a.colorSpace === 'gray'
        ? a.colorSpace
        : (note('clamped', `${where}.colorSpace`, `图片“${a.id}”的色彩空间无效，按 RGB 处理`), 'rgb');
    assetIds.add(a.id);
    assets.push({
      id: a.id,
      mime: a.mime,
      pixelWidth: Math.min(w, 100000),
      pixelHeight: Math.min(h, 100000),
      colorSpace,
      data: a.data,
    });
  });

  // Articles: every article with an id is kept; blocks that are not blocks are dropped.
  const articles: Edition['articles'] = [];
  const articleIds = new Set<string>();
  const renamed = new Map<number, string>();
  (Array.isArray(e.articles) ? e.articles : []).forEach((a, i) => {
    const where = `articles[${i}]`;
    if (!isObj(a) || typeof a.id !== 'string' || !a.id)
      return note('dropped', where, '删去一篇没有编号的稿件数据');
    let aid = a.id;
    if (articleIds.has(aid)) {
      let k = 2;
      while (articleIds.has(`${a.id}-${k}`)) k++;
      aid = `${a.id}-${k}`;
      renamed.set(i, aid);
      note('renamed', `${where}.id`, `两篇稿件都叫“${a.id}”，第二篇改名为“${aid}”`);
    }
    articleIds.add(aid);
    const status = STATUSES.includes(a.status as string)
      ? (a.status as Edition['articles'][number]['status'])
      : (a.status !== undefined &&
          note('clamped', `${where}.status`, `稿件“${aid}”的状态 ${JSON.stringify(a.status)} 无效，改为草稿`),
        'draft');
    const blocks: Edition['articles'][number]['blocks'] = [];
    (Array.isArray(a.blocks)
      ? a.blocks
      : (note('emptied', `${where}.blocks`, `稿件“${aid}”的正文无法读取，已清空`), [])
    ).forEach((b, j) => {
      const bw = `${where}.blocks[${j}]`;
      if (!isObj(b) || !(BLOCK_TYPES as readonly string[]).includes(b.type as string))
        return note('dropped', bw, `删去稿件“${aid}”第 ${j + 1} 段（不是有效的段落）`);
      const leaves = (Array.isArray(b.children) ? b.children : [])
        .filter((l): l is Obj => isObj(l) && typeof l.text === 'string')
        .map((l) => ({
          text: l.text as string,
          ...(l.bold === true ? { bold: true as const } : {}),
          ...(l.emphasis === true ? { emphasis: true as const } : {}),
        }));
      const children = leaves.length ? leaves : [{ text: '' }];
      if (b.type !== 'photo') return void blocks.push({ type: b.type as TextBlock['type'], children });
      let asset = typeof b.asset === 'string' && b.asset ? b.asset : null;
      if (asset !== null && !assetIds.has(asset)) {
        note('emptied', `${bw}.asset`, `稿件“${aid}”第 ${j + 1} 段的图片“${asset}”不在文件中，改为空图框`);
        asset = null;
      }
      blocks.push({
        type: 'photo',
        asset,
        ...(typeof b.credit === 'string' && b.credit ? { credit: b.credit } : {}),
        children,
      });
    });
    articles.push({ id: aid, slug: typeof a.slug === 'string' ? a.slug : '', status, blocks });
  });
  const byId = new Map(articles.map((a) => [a.id, a]));

  // Pages and placements.
  const pages: Edition['pages'] = [];
  const numbers = new Set<number>();
  const pageIds = new Set<string>();
  (Array.isArray(e.pages) ? e.pages : []).forEach((pg, i) => {
    const where = `pages[${i}]`;
    if (!isObj(pg) || typeof pg.template !== 'string' || !pg.template)
      return note('dropped', where, `删去第 ${i + 1} 个版面（没有版式）；其上的稿件仍在稿件列表中`);
    let number = wholeNumber(pg.number);
    if (number === null || number < 1 || number > 999 || numbers.has(number)) {
      let n = 1;
      while (numbers.has(n)) n++;
      note('clamped', `${where}.number`, `版号 ${JSON.stringify(pg.number)} 无效或重复，改为第 ${n} 版`);
      number = n;
    }
    numbers.add(number);
    let pid = typeof pg.id === 'string' && pg.id ? pg.id : `p${number}`;
    if (pageIds.has(pid)) pid = `${pid}-${number}`;
    pageIds.add(pid);
    const page: Edition['pages'][number] = {
      id: pid,
      number,
      section: typeof pg.section === 'string' ? pg.section : '',
      template: pg.template,
      placements: [],
    };
    if (Array.isArray(pg.rules)) {
      const rules = pg.rules.filter((r) => {
        try {
          validateEdition({
            ...blankEdition(),
            pages: [{ id: 'p', number: 1, section: '', template: 't', placements: [], rules: [r] }],
          });
          return true;
        } catch {
          return false;
        }
      });
      if (rules.length < pg.rules.length)
        note(
          'dropped',
          `${where}.rules`,
          `删去第 ${number} 版上 ${pg.rules.length - rules.length} 条无效的隔线`,
        );
      if (rules.length) page.rules = rules as NonNullable<Edition['pages'][number]['rules']>;
    }
    if (pg.autoRules === false) page.autoRules = false;
    (Array.isArray(pg.placements) ? pg.placements : []).forEach((pl, j) => {
      const pw = `${where}.placements[${j}]`;
      const art = isObj(pl) && typeof pl.article === 'string' ? pl.article : '';
      const a = byId.get(art);
      if (!isObj(pl) || !a)
        return note('dropped', pw, `删去第 ${number} 版上的稿件位置：稿件${art ? `“${art}”` : ''}不在本期中`);
      if (page.placements.some((x) => x.article === art))
        return note('dropped', pw, `删去第 ${number} 版上稿件“${art}”的重复位置`);
      const placement = repairPlacement(pl, a, pw, number, note);
      if (placement) page.placements.push(placement);
    });
    pages.push(page);
  });

  relink(pages, note);

  // Comments: kept whenever their article is.
  let comments: Edition['comments'];
  if (Array.isArray(e.comments)) {
    comments = [];
    const seen = new Set<string>();
    e.comments.forEach((c, i) => {
      const where = `comments[${i}]`;
      if (!isObj(c) || typeof c.text !== 'string' || !byId.has(c.article as string))
        return note(
          'dropped',
          where,
          `删去一条批注：${isObj(c) && typeof c.article === 'string' ? `稿件“${c.article}”不在本期中` : '数据无法读取'}`,
        );
      let cid = typeof c.id === 'string' && c.id ? c.id : `c-repaired-${i}`;
      if (seen.has(cid)) cid = `${cid}-${i}`;
      seen.add(cid);
      comments!.push({ ...(c as unknown as NonNullable<Edition['comments']>[number]), id: cid });
    });
  }

  let styles: Edition['styles'];
  if (e.styles !== undefined) {
    if (isObj(e.styles)) {
      styles = {};
      for (const [name, s] of Object.entries(e.styles)) {
        if (isObj(s)) styles[name] = s;
        else note('dropped', `styles.${name}`, `删去无效的样式“${name}”`);
      }
    } else note('dropped', 'styles', '删去无法读取的样式表');
  }

  // The output condition: what is sound kept, each unsound setting dropped (the template's applies).
  let output: Edition['output'];
  if (e.output !== undefined) {
    const checked = checkEditionOutput(e.output);
    for (const p of checked.problems) note('dropped', p.field, `删去无效的输出条件设定：${p.zh}`);
    output = checked.output;
  }

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
  if (styles && Object.keys(styles).length) out.styles = styles;
  if (comments?.length) out.comments = comments;
  if (!emptyOutput(output)) out.output = output;
  return { edition: validateEdition(out, 'repaired edition'), changes };
}

function blankEdition(): Obj {
  return {
    schemaVersion: EDITION_SCHEMA_VERSION,
    id: 'x',
    paper: { name: 'x' },
    date: '2000-01-01',
    issue: null,
    articles: [],
    pages: [],
  };
}

/** A grid rectangle with whole numbers in range, or null when it has no usable numbers. */
function repairRect(
  v: unknown,
  where: string,
  note: (k: RepairKind, w: string, m: string) => void,
): Placement['regions'][number] | null {
  if (!isObj(v)) return null;
  const col = wholeNumber(v.col),
    cols = wholeNumber(v.cols),
    line = wholeNumber(v.line),
    lines = wholeNumber(v.lines);
  if (col === null || cols === null || line === null || lines === null) return null;
  const r: Placement['regions'][number] = {
    col: Math.max(0, col),
    cols: Math.max(1, cols),
    line: Math.max(0, line),
    lines: Math.max(1, lines),
  };
  const indent = (x: unknown) => {
    const n = typeof x === 'number' ? x : Number(x);
    return Number.isFinite(n) ? Math.min(200, Math.max(0, n)) : undefined;
  };
  if (v.indentLeft !== undefined) {
    const n = indent(v.indentLeft);
    if (n !== undefined) r.indentLeft = n;
  }
  if (v.indentRight !== undefined) {
    const n = indent(v.indentRight);
    if (n !== undefined) r.indentRight = n;
  }
  if (v.columns !== undefined) {
    const n = wholeNumber(v.columns);
    if (n !== null) r.columns = Math.min(20, Math.max(1, n));
  }
  if (v.shift !== undefined) {
    const n = wholeNumber(v.shift);
    if (n) r.shift = Math.min(MAX_SHIFT, Math.max(-MAX_SHIFT, n));
  }
  for (const k of [
    'col',
    'cols',
    'line',
    'lines',
    'indentLeft',
    'indentRight',
    'columns',
    'shift',
  ] as const) {
    if (v[k] !== undefined && v[k] !== r[k])
      note('clamped', `${where}.${k}`, `${k} ${JSON.stringify(v[k])} 改为 ${r[k] ?? '（删去）'}`);
  }
  return r;
}

/** A stand-off in 字 kept within 0–5, or none when it cannot be read. */
function standoff(v: unknown): number | undefined {
  const n = Number(v);
  return v === undefined || !Number.isFinite(n) ? undefined : Math.max(0, Math.min(5, n));
}

function repairPlacement(
  pl: Obj,
  a: Edition['articles'][number],
  where: string,
  page: number,
  note: (k: RepairKind, w: string, m: string) => void,
): Placement | null {
  const say = (k: RepairKind, w: string, m: string) => note(k, w, `第 ${page} 版稿件“${a.id}”：${m}`);
  const regions: Placement['regions'] = [];
  (Array.isArray(pl.regions) ? pl.regions : []).forEach((r, k) => {
    const g = repairRect(r, `${where}.regions[${k}]`, say);
    if (g) regions.push(g);
    else say('dropped', `${where}.regions[${k}]`, `删去无法读取的文字区 ${k + 1}`);
  });
  const placement: Placement = { article: a.id, regions, photos: [] };
  if (pl.headline !== undefined) {
    const h = isObj(pl.headline) ? pl.headline : {};
    const area = repairRect(h.area, `${where}.headline.area`, say);
    if (!area) say('dropped', `${where}.headline`, '删去无法读取的标题区');
    else {
      placement.headline = {
        area,
        orientation: h.orientation === 'vertical' ? 'vertical' : 'horizontal',
        align: h.align === 'center' || h.align === undefined ? 'center' : 'left',
      };
      if (h.align !== undefined && h.align !== 'left' && h.align !== 'center')
        say('clamped', `${where}.headline.align`, '标题对齐方式无效，改为居中');
      if (typeof h.style === 'string' && h.style) placement.headline.style = h.style;
      const so = standoff(h.standoff);
      if (so !== undefined) placement.headline.standoff = so;
    }
  }
  const framed = new Set<number>();
  (Array.isArray(pl.photos) ? pl.photos : []).forEach((f, k) => {
    const fw = `${where}.photos[${k}]`;
    const block = isObj(f) ? wholeNumber(f.block) : null;
    const area = isObj(f) ? repairRect(f.area, `${fw}.area`, say) : null;
    if (!isObj(f) || block === null || a.blocks[block]?.type !== 'photo' || framed.has(block) || !area)
      return say('dropped', fw, `删去图框 ${k + 1}（${!area ? '位置无法读取' : '它指向的不是图片段落'}）`);
    framed.add(block);
    if (area.lines < 2) area.lines = 2;
    const caption = wholeNumber(f.captionLines) ?? 0;
    const captionLines = Math.max(0, Math.min(20, caption, area.lines - 1));
    if (f.captionLines !== undefined && captionLines !== f.captionLines)
      say(
        'clamped',
        `${fw}.captionLines`,
        `图片说明行数 ${JSON.stringify(f.captionLines)} 改为 ${captionLines}`,
      );
    const frame: Placement['photos'][number] = {
      block,
      area,
      fit: f.fit === 'fit' ? 'fit' : 'fill',
      captionLines,
    };
    for (const c of ['cropX', 'cropY'] as const) {
      if (f[c] === undefined) continue;
      const n = Number(f[c]);
      if (Number.isFinite(n)) frame[c] = Math.max(-1, Math.min(1, n));
      if (frame[c] !== f[c])
        say('clamped', `${fw}.${c}`, `裁切 ${JSON.stringify(f[c])} 改为 ${frame[c] ?? '居中'}`);
    }
    const so = standoff(f.standoff);
    if (so !== undefined) frame.standoff = so;
    placement.photos.push(frame);
  });
  if (isObj(pl.wrap)) {
    const so = standoff(pl.wrap.standoff);
    placement.wrap = so === undefined ? {} : { standoff: so };
  }
  if (pl.box !== undefined) {
    const inset = isObj(pl.box) ? Number(pl.box.inset) : NaN;
    if (Number.isFinite(inset)) placement.box = { inset: Math.max(0, Math.min(5, inset)) };
    else say('dropped', `${where}.box`, '删去无法读取的边框');
  }
  if (pl.balance === true) placement.balance = true;
  if (pl.continuesOn !== undefined) {
    const to = isObj(pl.continuesOn) ? wholeNumber(pl.continuesOn.page) : null;
    if (to !== null && to >= 1 && to <= 999) placement.continuesOn = { page: to };
    else say('unlinked', `${where}.continuesOn`, '转版信息无法读取，已断开');
  }
  if (!placement.regions.length && !placement.headline && !placement.photos.length) {
    say('dropped', where, '位置上已没有可用的文字区、标题区或图框，撤下此位置');
    return null;
  }
  return placement;
}

/**
 * Each story placed on several pages keeps one chain of linked parts, the longest there is (the first
 * in page order on a tie); links that lead nowhere are cut and parts no link reaches are taken off.
 */
function relink(pages: Edition['pages'], note: (k: RepairKind, w: string, m: string) => void): void {
  const byArticle = new Map<string, { page: Edition['pages'][number]; pl: Placement }[]>();
  for (const page of [...pages].sort((a, b) => a.number - b.number)) {
    for (const pl of page.placements) {
      let list = byArticle.get(pl.article);
      if (!list) byArticle.set(pl.article, (list = []));
      list.push({ page, pl });
    }
  }
  for (const [article, parts] of byArticle) {
    const next = new Map<Placement, Placement>();
    const pointed = new Set<Placement>();
    for (const p of parts) {
      const to = p.pl.continuesOn?.page;
      if (to === undefined) continue;
      const target = parts.find((q) => q.page.number === to && q !== p);
      if (!target || pointed.has(target.pl)) {
        note(
          'unlinked',
          `pages[${pages.indexOf(p.page)}]`,
          `第 ${p.page.number} 版稿件“${article}”转第 ${to} 版，但那里没有它的后续部分，已断开转版`,
        );
        delete p.pl.continuesOn;
        continue;
      }
      next.set(p.pl, target.pl);
      pointed.add(target.pl);
    }
    let best: Placement[] = [];
    for (const head of parts.filter((p) => !pointed.has(p.pl))) {
      const chain: Placement[] = [];
      for (let x: Placement | undefined = head.pl; x && !chain.includes(x); x = next.get(x)) chain.push(x);
      if (chain.length > best.length) best = chain;
    }
    if (!best.length) best = [parts[0].pl]; // every part in a loop
    const last = best[best.length - 1];
    if (last.continuesOn) {
      note('unlinked', article, `稿件“${article}”的转版绕成了圈，已在第 ${last.continuesOn.page} 版前断开`);
      delete last.continuesOn;
    }
    for (const p of parts) {
      if (best.includes(p.pl)) continue;
      note(
        'dropped',
        `pages[${pages.indexOf(p.page)}]`,
        `撤下第 ${p.page.number} 版上稿件“${article}”的重复位置（没有用转版与其他部分连起来）`,
      );
      p.page.placements = p.page.placements.filter((x) => x !== p.pl);
    }
  }
}
