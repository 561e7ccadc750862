// Many people typing into one edition on the newsroom server at a human rate (newsroom-load.ts's
// servers and sessions). Each writer types at the start of a paragraph of its own, so the text every
// replica and PostgreSQL must end with is known exactly: that paragraph is what the writer typed
// followed by what was there. The writers of one article watch each other: the time from one's
// keystroke to the next one's document holding it is the sync latency.
import * as Y from 'yjs';
import type { Edition } from '../../engine/model/types';
import { createPool } from '../../newsroom/server/db';
import { DocumentStore } from '../../newsroom/server/store';
import { copyDocName, layoutDocName, type Refused } from '../../newsroom/shared/protocol';
import { waitFor } from './newsroom';
import { blocksOf, blockText, quantile, sessionFor, type LoadServers, type Session } from './newsroom-load';

export interface TypingOptions {
  servers: LoadServers;
  edition: Edition;
  /** One login per writer (accounts allowed to edit copy). */
  logins: string[];
  seconds: number;
  /** Writers per article (each in its own paragraph). */
  perArticle?: number;
  charsPerSecond?: number;
}

export interface TypingResult {
  clients: number;
  seconds: number;
  typed: number;
  /** Characters typed by writers another client watched (each gives one latency). */
  watchedTyped: number;
  /** Keystroke to another client's document, ms, sorted. */
  latencies: number[];
  p50: number;
  p95: number;
  /** Servers' resident memory grown from before the clients connected to the end of typing, per client. */
  memoryPerClient: number;
  /** Lost, duplicated or misplaced text, on any replica or in PostgreSQL: empty when all is well. */
  problems: string[];
  refused: Refused[];
  disconnects: number;
}

const HAN = '编辑部记者今天上午在市区采访参加会议的代表们说新闻稿件版面校对签发';

interface Writer {
  login: string;
  session: Session;
  doc: Y.Doc;
  article: string;
  block: number;
  typed: string;
  sentAt: number[];
}

export async function typeTogether(o: TypingOptions): Promise<TypingResult> {
  const per = o.perArticle ?? 3;
  const n = o.logins.length;
  const ed = o.edition;
  const paragraphs = (id: string) =>
    ed.articles
      .find((a) => a.id === id)!
      .blocks.flatMap((b, i) => (b.type === 'paragraph' ? [i] : []))
      .slice(0, per);
  const articles = ed.articles
    .filter((a) => paragraphs(a.id).length >= per)
    .slice(0, Math.ceil(n / per))
    .map((a) => a.id);
  if (articles.length * per < n) throw new Error(`the edition has too few articles for ${n} writers`);
  const rssBefore = o.servers.rss().reduce((a, b) => a + b, 0);

  const writers: Writer[] = [];
  for (let i = 0; i < n; i++) {
    const article = articles[Math.floor(i / per)];
    const session = await sessionFor(o.servers.ports[i % o.servers.ports.length], o.logins[i]);
    session.open(layoutDocName(ed.id));
    const doc = session.open(copyDocName(ed.id, article));
    writers.push({
      login: o.logins[i],
      session,
      doc,
      article,
      block: paragraphs(article)[i % per],
      typed: '',
      sentAt: [],
    });
  }
  await waitFor('every client to be synced', () => writers.every((w) => w.session.synced()), 60_000);
  const originals = new Map(
    writers
      .filter((w) => w.block === paragraphs(w.article)[0])
      .map((w) => [w.article, blocksOf(w.doc).map(blockText)]),
  );

  // Each writer is watched by the next writer of the same article.
  const latencies: number[] = [];
  const watched = new Set<Writer>();
  for (const w of writers) {
    const group = writers.filter((x) => x.article === w.article);
    const watcher = group[(group.indexOf(w) + 1) % group.length];
    if (watcher === w) continue;
    watched.add(w);
    const block = blocksOf(watcher.doc)[w.block];
    const start = block.length;
    let seen = 0;
    watcher.doc.on('update', () => {
      const now = performance.now();
      for (; seen < block.length - start && seen < w.sentAt.length; seen++)
        latencies.push(now - w.sentAt[seen]);
    });
  }

  const mean = 1000 / (o.charsPerSecond ?? 5);
  const end = performance.now() + o.seconds * 1000;
  await Promise.all(
    writers.map(async (w, i) => {
      const block = blocksOf(w.doc)[w.block];
      await new Promise((r) => setTimeout(r, (mean * i) / n));
      while (performance.now() < end) {
        const ch = HAN[(w.typed.length + i) % HAN.length];
        block.insert(w.typed.length, ch);
        w.sentAt.push(performance.now());
        w.typed += ch;
        await new Promise((r) => setTimeout(r, mean * (0.5 + Math.random())));
      }
    }),
  );
  const rssTyped = o.servers.rss().reduce((a, b) => a + b, 0);

  const expected = (article: string) =>
    originals.get(article)!.map((text, b) => {
      const w = writers.find((x) => x.article === article && x.block === b);
      return w ? w.typed + text : text;
    });
  const compare = (where: string, doc: Y.Doc, article: string): string[] => {
    const got = blocksOf(doc).map(blockText);
    const want = expected(article);
    if (got.length !== want.length) return [`${where}: ${got.length} paragraphs, not ${want.length}`];
    return want.flatMap((text, b) => {
      if (got[b] === text) return [];
      const w = writers.find((x) => x.article === article && x.block === b);
      const times = w ? got[b].split(w.typed).length - 1 : 0;
      return [
        `${where}, paragraph ${b}: ${got[b].length} characters, not ${text.length}` +
          (w ? ` (${w.login}'s ${w.typed.length} typed found ${times} times)` : ''),
      ];
    });
  };
  const replicaProblems = () =>
    writers.flatMap((w) => compare(`${w.login}'s ${w.article}`, w.doc, w.article));
  try {
    await waitFor(
      'every replica to agree',
      () => writers.every((w) => w.session.synced()) && !replicaProblems().length,
      60_000,
    );
  } catch {
    // The differences are reported below.
  }
  const problems = replicaProblems();
  const pool = createPool(o.servers.pg.url);
  try {
    for (const article of articles) {
      const fresh = new Y.Doc();
      await new DocumentStore(pool).load(copyDocName(ed.id, article), fresh, false);
      problems.push(...compare(`PostgreSQL's ${article}`, fresh, article));
    }
  } finally {
    await pool.end();
  }
  const disconnects = writers.reduce((s, w) => s + w.session.disconnects, 0);
  for (const w of writers) w.session.close();
  latencies.sort((a, b) => a - b);
  return {
    clients: n,
    seconds: o.seconds,
    typed: writers.reduce((s, w) => s + w.typed.length, 0),
    watchedTyped: [...watched].reduce((s, w) => s + w.typed.length, 0),
    latencies,
    p50: quantile(latencies, 0.5),
    p95: quantile(latencies, 0.95),
    memoryPerClient: (rssTyped - rssBefore) / n,
    problems,
    refused: writers.flatMap((w) => w.session.refused),
    disconnects,
  };
}
