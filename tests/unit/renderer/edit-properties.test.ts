// Valid by construction: random sequences of what an editor does — place, move, resize, continue a
// story onto another page (link), cut a continuation (unlink), take a story off a page, type, split
// and delete paragraphs, undo, redo, accept proof marks, comment — run through the session's placing
// and editing operations the UI uses, autosaved into the store as the app does. Every committed
// state must be accepted by the store and reopen identical to what the editor holds. The sequences
// come from a seeded generator written here; the seed is printed, and BANMIAN_SEED replays a run.
import { createEditor, Transforms, type Descendant, type Editor } from 'slate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeServices } from '../../../electron/services/api-services';
import { loadSampleEdition } from '../../../electron/services/sample';
import { EditionStore, readEditionFile, validEdition } from '../../../electron/services/store';
import { loadTemplates } from '../../../electron/services/templates';
import type { FontSet } from '../../../engine/fonts/metrics';
import type { Article, Block, Edition, GridRect, Placement } from '../../../engine/model/types';
import { methods } from '../../../electron/api';
import { validateEdition } from '../../../engine/model/validate';
import type { ProofMark } from '../../../engine/proof/types';
import type { Template } from '../../../engine/templates';
import { dropOnPage, removePart, unlinkPart } from '../../../renderer/state/continued';
import { adjustRect, gridOf, movePlacement, type Handle } from '../../../renderer/state/placing';
import { blockTextOf, EditionSession, type PendingChanges } from '../../../renderer/state/session';
import {
  addAd,
  addPage,
  deletePage,
  duplicatePage,
  movePage,
  renamePage,
  setGuides,
  type Result,
} from '../../../renderer/state/pages';
import {
  alignFrames,
  commitPage,
  deleteFrames,
  framesIn,
  moveFrames,
  type Alignment,
} from '../../../renderer/page/selection';

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The session's own operations without layout: validity does not depend on where glyphs land. */
class HeadlessSession extends EditionSession {
  override relayout(): void {
    /* no fonts needed */
  }
}

const SEED = Number(process.env.BANMIAN_SEED ?? Date.now() % 1_000_000);
// Each commit is a real, synced transaction: the default keeps the suite's time; raise it for a long run.
const RUNS = Number(process.env.BANMIAN_PROPERTY_RUNS ?? 120);
const STEPS = 20;

let dir: string;
let templates: Record<string, Template>;
let base: Edition;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-props-'));
  templates = loadTemplates();
  base = loadSampleEdition();
  const para = (t: string): Block => ({ type: 'paragraph', children: [{ text: t }] });
  base.articles.push({
    id: 'a5',
    slug: '',
    status: 'draft',
    blocks: [
      { type: 'headline', children: [{ text: '转版稿' }] },
      para('正文。'.repeat(80)),
      para('又一段。'.repeat(40)),
    ],
  });
  base.pages.push(
    {
      id: 'p2',
      number: 2,
      section: '综合',
      template: 'sikai',
      placements: [
        {
          article: 'a5',
          regions: [{ col: 0, cols: 2, line: 0, lines: 20 }],
          photos: [],
          continuesOn: { page: 3 },
        },
      ],
    },
    {
      id: 'p3',
      number: 3,
      section: '社区',
      template: 'sikai',
      placements: [{ article: 'a5', regions: [{ col: 2, cols: 2, line: 0, lines: 20 }], photos: [] }],
    },
  );
  console.log(
    `edit properties: seed ${SEED} (replay with BANMIAN_SEED=${SEED}), ${RUNS} sequences of ${STEPS} steps`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function typeIn(s: EditionSession, article: string, f: (e: Editor) => void, at: number): void {
  const e = createEditor();
  e.children = s.article(article)!.blocks as unknown as Descendant[];
  f(e);
  if (e.operations.length)
    s.textChanged(
      article,
      e.children as unknown as Block[],
      { kind: 'text', article, ops: [...e.operations], at },
      false,
    );
}

type Step = (s: EditionSession, r: () => number, clock: number) => string;

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

const STEPS_BY_NAME: Record<string, Step> = {
  place: (s, r) => {
    const page = pick(r, s.edition.pages);
    const g = gridOf(templates[page.template]);
    const article = pick(r, s.edition.articles).id;
    const at = { col: int(r, 0, g.columns - 1), line: int(r, 0, g.lines - 1) };
    s.changePlacements(
      '上版',
      dropOnPage(s.edition.pages, page.number, g, article, at, {
        cols: int(r, 1, 3),
        lines: int(r, 2, 40),
        headlineLines: int(r, 0, 4),
      }),
    );
    return `place ${article} on ${page.number} at ${at.col},${at.line}`;
  },
  move: (s, r) => {
    const page = pick(r, s.edition.pages);
    if (!page.placements.length) return 'move (nothing)';
    const g = gridOf(templates[page.template]);
    const pl = pick(r, page.placements);
    s.setPlacements(
      page.number,
      '移动稿件',
      page.placements.map((p) => (p === pl ? movePlacement(g, pl, int(r, -3, 3), int(r, -20, 20)) : p)),
    );
    return `move ${pl.article} on ${page.number}`;
  },
  resize: (s, r) => {
    const page = pick(r, s.edition.pages);
    const pl = page.placements.length ? pick(r, page.placements) : null;
    if (!pl?.regions.length) return 'resize (nothing)';
    const g = gridOf(templates[page.template]);
    const k = int(r, 0, pl.regions.length - 1);
    const handle = pick(r, ['move', 'n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw'] as Handle[]);
    const region: GridRect = {
      ...pl.regions[k],
      ...adjustRect(g, pl.regions[k], handle, int(r, -2, 2), int(r, -15, 15)),
    };
    s.setPlacements(
      page.number,
      '调整区域',
      page.placements.map((p) =>
        p === pl ? { ...pl, regions: pl.regions.map((x, i) => (i === k ? region : x)) } : p,
      ),
    );
    return `resize ${pl.article} region ${k} ${handle}`;
  },
  link: (s, r) => {
    // A story already placed is dropped on a page it is not on: continued there, or its last part moves there.
    const placed = s.edition.articles.filter((a) => s.pagesOf(a.id).length);
    if (!placed.length) return 'link (nothing)';
    const a = pick(r, placed).id;
    const page = pick(r, s.edition.pages);
    const g = gridOf(templates[page.template]);
    s.changePlacements(
      '转版',
      dropOnPage(
        s.edition.pages,
        page.number,
        g,
        a,
        { col: int(r, 0, g.columns - 1), line: int(r, 0, g.lines - 1) },
        { cols: 2, lines: 20, headlineLines: 0 },
      ),
    );
    return `link ${a} to ${page.number}`;
  },
  unlink: (s, r) => {
    const linked = s.edition.pages.flatMap((p) =>
      p.placements.filter((pl) => pl.continuesOn).map((pl) => ({ page: p.number, article: pl.article })),
    );
    if (!linked.length) return 'unlink (nothing)';
    const x = pick(r, linked);
    s.changePlacements('断开转版', unlinkPart(s.edition.pages, x.page, x.article));
    return `unlink ${x.article} on ${x.page}`;
  },
  delete: (s, r) => {
    const page = pick(r, s.edition.pages);
    if (!page.placements.length) return 'delete (nothing)';
    const pl = pick(r, page.placements);
    s.changePlacements('撤下', removePart(s.edition.pages, page.number, pl.article));
    return `delete ${pl.article} from ${page.number}`;
  },
  type: (s, r, clock) => {
    const a = pick(r, s.edition.articles);
    if (!a.blocks.length) {
      typeIn(
        s,
        a.id,
        (e) =>
          Transforms.insertNodes(
            e,
            { type: 'paragraph', children: [{ text: '新段' }] } as unknown as Descendant,
            { at: [0] },
          ),
        clock,
      );
      return `type ${a.id}: first paragraph`;
    }
    const b = int(r, 0, a.blocks.length - 1);
    const len = blockTextOf(a.blocks[b]).length;
    const leaf = a.blocks[b].children.length - 1;
    const leafLen = a.blocks[b].children[leaf].text.length;
    switch (pick(r, ['insert', 'insert', 'split', 'remove', 'paragraph', 'merge'] as const)) {
      case 'insert':
        typeIn(
          s,
          a.id,
          (e) =>
            Transforms.insertText(e, pick(r, ['字', '记者', '，', 'A']), {
              at: { path: [b, leaf], offset: int(r, 0, leafLen) },
            }),
          clock,
        );
        return `type into ${a.id} block ${b}`;
      case 'split':
        typeIn(
          s,
          a.id,
          (e) => Transforms.splitNodes(e, { at: { path: [b, leaf], offset: int(r, 0, leafLen) } }),
          clock,
        );
        return `split ${a.id} block ${b}`;
      case 'remove':
        typeIn(s, a.id, (e) => Transforms.removeNodes(e, { at: [b] }), clock);
        return `remove ${a.id} block ${b} (${a.blocks[b].type}, ${len} chars)`;
      case 'paragraph':
        typeIn(
          s,
          a.id,
          (e) =>
            Transforms.insertNodes(
              e,
              { type: 'paragraph', children: [{ text: '插入的段落' }] } as unknown as Descendant,
              { at: [b] },
            ),
          clock,
        );
        return `new paragraph in ${a.id} before ${b}`;
      case 'merge':
        if (b === 0 || a.blocks[b].type === 'photo' || a.blocks[b - 1].type === 'photo')
          return 'merge (skipped)';
        typeIn(s, a.id, (e) => Transforms.mergeNodes(e, { at: [b] }), clock);
        return `merge ${a.id} block ${b} into ${b - 1}`;
    }
  },
  pages: (s, r) => {
    // The page list: added, duplicated, deleted, moved, renamed, ad slots.
    const page = pick(r, s.edition.pages);
    const g = templates[page.template].grid;
    const op = pick(r, ['add', 'duplicate', 'delete', 'move', 'rename', 'ad', 'guide'] as const);
    const res: Result =
      op === 'add'
        ? addPage(s.edition.pages, 'sikai', page.number)
        : op === 'duplicate'
          ? duplicatePage(s.edition.pages, page.number)
          : op === 'delete'
            ? deletePage(s.edition.pages, page.number)
            : op === 'move'
              ? movePage(s.edition.pages, page.number, int(r, 0, s.edition.pages.length - 1))
              : op === 'rename'
                ? renamePage(s.edition.pages, page.number, pick(r, ['体育', '文化', '']), int(r, 1, 9))
                : op === 'guide'
                  ? {
                      pages: setGuides(
                        s.edition.pages,
                        page.number,
                        int(r, 0, 2)
                          ? [
                              ...(page.guides ?? []),
                              { axis: pick(r, ['h', 'v'] as const), at: int(r, 0, 90000) / 100 },
                            ]
                          : [],
                      ),
                    }
                  : addAd(s.edition.pages, page.number, {
                      label: '广告',
                      col: int(r, 0, g.columns - 1),
                      cols: int(r, 1, 2),
                      line: int(r, 0, g.lines - 1),
                      lines: int(r, 1, 12),
                    });
    if ('pages' in res) s.changePages(op, res.pages);
    return `pages ${op} ${page.number}${'refused' in res ? ` (refused: ${res.refused})` : ''}`;
  },
  objects: (s, r) => {
    // The selection tool: a marquee's frames moved, aligned or deleted.
    const page = pick(r, s.edition.pages);
    const g = gridOf(templates[page.template]);
    const frames = framesIn(page, {
      col: int(r, 0, g.columns - 1),
      cols: int(r, 1, 2),
      line: int(r, 0, g.lines - 1),
      lines: int(r, 1, 30),
    });
    if (!frames.length) return 'objects (nothing)';
    const op = pick(r, ['move', 'align', 'delete'] as const);
    if (op === 'delete') s.changePages('删除对象', deleteFrames(s.edition.pages, page.number, frames));
    else {
      const next =
        op === 'move'
          ? moveFrames(g, page, frames, int(r, -1, 1), int(r, -5, 5))
          : alignFrames(
              g,
              page,
              frames,
              pick(r, ['left', 'right', 'top', 'bottom', 'distribute-h', 'distribute-v'] as Alignment[]),
            );
      if (next) commitPage(s, op, next);
    }
    return `objects ${op} ${frames.length} on ${page.number}`;
  },
  undo: (s) => (s.undo() ? 'undo' : 'undo (nothing)'),
  redo: (s) => (s.redo() ? 'redo' : 'redo (nothing)'),
  proof: (s, r) => {
    const a = pick(r, s.edition.articles);
    const texts = a.blocks.map((b, i) => ({ i, text: blockTextOf(b) })).filter((x) => x.text.length > 2);
    if (!texts.length) return 'proof (nothing)';
    const { i, text } = pick(r, texts);
    const start = int(r, 0, text.length - 2);
    const end = Math.min(text.length, start + int(r, 1, 3));
    const kind = pick(r, ['delete', 'replace', 'insert'] as const);
    const mark: ProofMark = {
      id: `m${start}`,
      kind,
      page: s.pagesOf(a.id)[0] ?? 1,
      article: a.id,
      block: i,
      start,
      end: kind === 'insert' ? start : end,
      text: kind === 'insert' ? '' : text.slice(start, end),
      replacement: kind === 'delete' ? null : '改',
      note: '',
      author: '校对',
      date: null,
      color: null,
      round: 1,
      state: 'open',
      context: {
        before: text.slice(Math.max(0, start - 6), start),
        after: text.slice(kind === 'insert' ? start : end, (kind === 'insert' ? start : end) + 6),
      },
      replies: [],
    };
    const why = s.acceptProofMark(mark);
    return `proof ${kind} ${a.id} block ${i}${why ? ` (refused: ${why})` : ''}`;
  },
  comment: (s, r) => {
    const a = pick(r, s.edition.articles);
    s.openArticle(a.id);
    const texts = a.blocks.map((b, i) => ({ i, len: blockTextOf(b).length })).filter((x) => x.len > 1);
    const at = texts.length ? pick(r, texts) : null;
    const c = s.addComment(
      '请核对',
      '编辑',
      at ? { article: a.id, anchor: { block: at.i, offset: 0 }, focus: { block: at.i, offset: 1 } } : null,
    );
    return `comment on ${a.id}${typeof c === 'string' ? ` (refused: ${c})` : ''}`;
  },
};
const NAMES = Object.keys(STEPS_BY_NAME);

describe('editing never commits a state the loader refuses', () => {
  it(`random editing sequences autosave and reopen identically (seed ${SEED})`, () => {
    const services = nodeServices({}, { stateDir: join(dir, 'state') });
    let steps = 0,
      commits = 0,
      refused = 0;
    const first = join(dir, 'start.banmian');
    EditionStore.create(first, base).close();
    for (let run = 0; run < RUNS; run++) {
      const r = prng(SEED * 7919 + run);
      const path = join(dir, `run-${run}.banmian`);
      copyFileSync(first, path);
      const s = new HeadlessSession(readEditionFile(path), {} as FontSet, templates);
      s.setFile(path);
      const log: string[] = [];
      for (let k = 0; k < STEPS; k++) {
        const name = pick(r, NAMES);
        log.push(STEPS_BY_NAME[name](s, r, k * 2000));
        steps++;
        if (s.refusal) {
          refused++;
          s.clearRefusal();
        }
        if (r() < 0.4 && k < STEPS - 1) continue;
        // Autosave as the app sends it: only what changed, as store edits in one transaction.
        const sent = s.pendingChanges();
        const where = `seed ${SEED}, run ${run}, after: ${log.join(' → ')}`;
        try {
          // Through the API's own request check, as the page sends it.
          const req = methods['edition.autosave'].req.parse({
            path,
            articles: sent.articles,
            pages: sent.pages,
            comments: sent.comments,
            ...(sent.pageList ? { pageList: sent.pageList } : {}),
            ...(sent.removeArticles ? { removeArticles: sent.removeArticles } : {}),
          });
          services.autosave(
            path,
            req.articles as Article[],
            req.pages as { id: string; placements: Placement[] }[],
            req.comments as PendingChanges['comments'],
            {
              ...(req.pageList ? { pageList: req.pageList as NonNullable<PendingChanges['pageList']> } : {}),
              ...(req.removeArticles ? { removeArticles: req.removeArticles } : {}),
            },
          );
        } catch (e) {
          throw new Error(`the store refused a state the editor holds (${where}): ${(e as Error).message}`, {
            cause: e,
          });
        }
        s.changesSaved(sent, new Date());
        commits++;
        // Read back by another connection, as the loader reads it, while the editor's store stays open.
        const other = EditionStore.open(path, { readOnly: true });
        try {
          expect(validEdition(other.load(), path), where).toEqual(validateEdition(s.edition));
        } finally {
          other.close();
        }
      }
      // Reopened through the app's own open: its store closes, the loader reads the file.
      expect(services.openEdition(path), `seed ${SEED}, run ${run}, reopened`).toEqual(
        validateEdition(s.edition),
      );
    }
    console.log(
      `edit properties: ${steps} steps, ${commits} commits, ${refused} steps refused by the session`,
    );
    expect(commits).toBeGreaterThan(RUNS);
  }, 600_000);
});
