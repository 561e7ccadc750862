// The edition navigator: page thumbnails, and the article list with status and fit figures.
// Articles drag from here onto the page grid.
import { memo, useCallback, useEffect, useRef, type DragEvent } from 'react';
import type { Article } from '../../engine/model/types';
import type { RecentEditionInfo } from '../../electron/api';
import { STATUS_LABELS } from '../../engine/model/status';
import { articleCounts, fitLabel, fitState } from '../editor/fit';
import { paintPage, type GlyphSource } from '../page/paint';
import { ARTICLE_MIME } from '../page/PageView';
import type { EditionSession } from '../state/session';
import { useSessionValue } from '../state/use-session';
import { PagesPanel } from './PagesPanel';
import { EditingTag, PeopleList } from '../newsroom/use-presence';

export { STATUS_LABELS };

/**
 * A page in miniature. It paints from the session's own paint notices (layout, photos decoded, glyph
 * outlines arrived), not from React renders: a photo or an outline arriving re-renders nothing, and a
 * thumbnail that waited only for its page's layout stayed without them. Paints are coalesced into one
 * idle callback that is never cancelled by the next keystroke, so typing cannot starve it, and the
 * canvas is resized (which clears it) only when its size changes, right before it is painted again.
 */
function Thumbnail({
  session,
  number,
  section,
  glyphs,
}: {
  session: EditionSession;
  number: number;
  section: string;
  glyphs: GlyphSource;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  const active = useSessionValue(session, (s) => s.currentPage === number, { settled: true });
  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    let pending: number | null = null;
    const draw = () => {
      pending = null;
      const page = session.pages.get(number);
      if (!page) return;
      const dpr = window.devicePixelRatio || 1;
      const scale = THUMB_WIDTH / page.width;
      const w = Math.round(THUMB_WIDTH * dpr),
        h = Math.round(page.height * scale * dpr);
      if (c.width !== w || c.height !== h) {
        c.width = w;
        c.height = h;
        c.style.width = `${THUMB_WIDTH}px`;
        c.style.height = `${page.height * scale}px`;
      }
      paintPage(c.getContext('2d')!, page, {
        scale: scale * dpr,
        originX: 0,
        originY: 0,
        glyphs,
        images: session.images,
        marks: true,
        greekBelow: GREEK_BELOW,
      });
      c.dataset.painted = String(Number(c.dataset.painted ?? 0) + 1);
    };
    // After the page view, never in its way; the timeout bounds the wait on a busy window.
    const schedule = () => {
      if (pending === null) pending = requestIdleCallback(draw, { timeout: 300 });
    };
    schedule();
    const off = session.onPaint((n) => {
      if (n === number) schedule();
    });
    return () => {
      off();
      if (pending !== null) cancelIdleCallback(pending);
    };
  }, [session, number, glyphs]);
  return (
    <button
      className={`thumb ${active ? 'active' : ''}`}
      onClick={() => session.goToPage(number)}
      title={`第 ${number} 版 ${section}`}
      data-testid={`thumb-${number}`}
    >
      <canvas ref={ref} />
      <span>{`${number} · ${section}`}</span>
    </button>
  );
}

const THUMB_WIDTH = 120;
/** Body text in a thumbnail is a pixel or two high: drawn as grey lines, headlines as type. */
const GREEK_BELOW = 4;

/** What the start of the navigator offers: the editions worked on lately, and new, open, sample. */
export interface EditionChoices {
  recent: RecentEditionInfo[];
  onNew(): void;
  onOpen(): void;
  onOpenRecent(path: string): void;
  onSample(): void;
  /** The 副刊 sample: a page with a story set vertically (竖排). */
  onSampleFukan(): void;
}

/** How many recent editions the navigator names; the 打开 panel lists them all. */
const RECENT_SHOWN = 6;

function when(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const today = new Date();
  const hm = d.toTimeString().slice(0, 5);
  return d.toDateString() === today.toDateString()
    ? `今天 ${hm}`
    : `${d.getMonth() + 1}月${d.getDate()}日 ${hm}`;
}

/**
 * The navigator's head: at the start of the app (no crash to recover) the editor sees at once the
 * editions of the last evenings and can go back to one, or begin a new one, without a dialog.
 */
function Editions({ session, choices }: { session: EditionSession; choices: EditionChoices }) {
  const isCurrent = (r: RecentEditionInfo) => r.path === session.path || r.label === session.label;
  // The open file heads the list as the current one (just made or opened, it is the latest), not offered again.
  const current = session.path ? choices.recent.find(isCurrent) : undefined;
  const list = choices.recent.filter((r) => !isCurrent(r)).slice(0, RECENT_SHOWN);
  return (
    <section className="editions" data-testid="recent-editions">
      <h2>期次</h2>
      <div className="edition-actions">
        <button onClick={choices.onNew} data-testid="start-new">
          新建
        </button>
        <button onClick={choices.onOpen} data-testid="start-open">
          打开
        </button>
        <button onClick={choices.onSample} data-testid="start-sample" title="要闻版示例">
          示例
        </button>
        <button onClick={choices.onSampleFukan} data-testid="start-sample-fukan" title="副刊示例：竖排稿件">
          副刊示例
        </button>
      </div>
      {list.length || current ? (
        <ul className="recent">
          {current && (
            <li data-testid="current-edition" className="current" aria-current="true">
              <span className="recent-title">{current.title ?? current.label}</span>
              <span className="recent-meta">{current.title ? current.label : ''} · 当前</span>
            </li>
          )}
          {list.map((r) => (
            <li key={r.path}>
              <button
                disabled={!r.exists}
                onClick={() => choices.onOpenRecent(r.path)}
                title={r.exists ? r.path : `${r.path}（文件已不在）`}
                data-testid="recent-edition"
              >
                <span className="recent-title">{r.title ?? r.label}</span>
                <span className="recent-meta">
                  {r.title ? r.label : ''}
                  {r.exists ? '' : ' · 文件已不在'} <time>{when(r.openedAt)}</time>
                </span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="recent-empty">还没有最近的期次。新建或另存为后，它们会列在这里。</p>
      )}
    </section>
  );
}

/** One story in the list; re-rendered only when its article, figures or pages change. */
const ArticleRow = memo(function ArticleRow({
  session,
  article: a,
  fit,
  pages,
  active,
}: {
  session: EditionSession;
  article: Article;
  /** `kind label` of its fit figure. */
  fit: string;
  pages: string;
  active: boolean;
}) {
  const counts = articleCounts(a);
  const space = fit.indexOf(' ');
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(ARTICLE_MIME, a.id);
    e.dataTransfer.setData('text/plain', a.slug ?? a.id);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <li
      draggable
      onDragStart={onDragStart}
      data-article={a.id}
      className={`${active ? 'active' : ''}`}
      onClick={() => session.openArticle(a.id)}
    >
      <div className="slug">
        {a.slug || a.id} <EditingTag session={session} article={a.id} />
      </div>
      <div className="meta">
        <span className={`status status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
        <span className="count">{counts.all} 字</span>
        <span className="where">{pages}</span>
        <span className={`fit fit-${fit.slice(0, space)}`} data-testid={`fit-${a.id}`}>
          {fit.slice(space + 1)}
        </span>
      </div>
    </li>
  );
});

/** The pages panel and its thumbnails re-render only when the page list or the current page changes. */
const Pages = memo(function Pages({ session, glyphs }: { session: EditionSession; glyphs: GlyphSource }) {
  useSessionValue(session, (s) => s.edition.pages, { settled: true });
  useSessionValue(session, (s) => s.currentPage, { settled: true });
  const thumb = useCallback(
    (p: { number: number; section: string }) => (
      <Thumbnail session={session} number={p.number} section={p.section} glyphs={glyphs} />
    ),
    [session, glyphs],
  );
  return <PagesPanel session={session} thumb={thumb} />;
});

export function Navigator({
  session,
  glyphs,
  choices,
}: {
  session: EditionSession;
  glyphs: GlyphSource;
  choices: EditionChoices;
}) {
  const ed = session.edition;
  const fitsOf = (id: string) =>
    [...session.pages.values()].flatMap((p) => p.fits.filter((f) => f.article === id));
  return (
    <nav className="navigator">
      <Editions session={session} choices={choices} />
      <PeopleList session={session} />
      <h2>版面</h2>
      <Pages session={session} glyphs={glyphs} />
      <h2>
        稿件 <small>拖到版面上以上版</small>
      </h2>
      <ul className="articles" data-testid="article-list">
        {ed.articles.map((a) => {
          const fit = fitState(fitsOf(a.id));
          const pages = session.pagesOf(a.id);
          return (
            <ArticleRow
              key={a.id}
              session={session}
              article={a}
              fit={`${fit.kind} ${fitLabel(fit)}`}
              pages={pages.map((n) => `${n}版`).join(' ')}
              active={a.id === session.currentArticle}
            />
          );
        })}
      </ul>
    </nav>
  );
}
