// The edition navigator: page thumbnails, and the article list with status and fit figures.
// Articles drag from here onto the page grid.
import { useEffect, useRef, type DragEvent } from 'react';
import type { DisplayPage } from '../../engine/display/types';
import type { ArticleStatus } from '../../engine/model/types';
import { articleCounts, fitLabel, fitState } from '../editor/fit';
import { paintPage, type GlyphSource } from '../page/paint';
import { ARTICLE_MIME } from '../page/PageView';
import type { EditionSession } from '../state/session';

export const STATUS_LABELS: Record<ArticleStatus, string> = { draft: '草稿', edited: '已编辑', proofed: '已校对', final: '定稿' };

function Thumbnail({ page, glyphs, images, active, onClick }: { page: DisplayPage | undefined; glyphs: GlyphSource; images: Map<string, ImageBitmap>; active: boolean; onClick(): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = ref.current;
    if (!c || !page) return;
    const dpr = window.devicePixelRatio || 1;
    const cssW = 120;
    const scale = cssW / page.width;
    c.width = Math.round(cssW * dpr);
    c.height = Math.round(page.height * scale * dpr);
    c.style.width = `${cssW}px`;
    c.style.height = `${page.height * scale}px`;
    // Thumbnails repaint when the page's layout changes, after the page view, never in its way.
    const id = requestIdleCallback(() => paintPage(c.getContext('2d')!, page, { scale: scale * dpr, originX: 0, originY: 0, glyphs, images, marks: true }), { timeout: 500 });
    return () => cancelIdleCallback(id);
  }, [page, glyphs, images, images.size]);
  return (
    <button className={`thumb ${active ? 'active' : ''}`} onClick={onClick} title={page ? `第 ${page.number} 版 ${page.section}` : ''}>
      <canvas ref={ref} />
      <span>{page ? `${page.number} · ${page.section}` : '…'}</span>
    </button>
  );
}

export function Navigator({ session, glyphs }: { session: EditionSession; glyphs: GlyphSource }) {
  const ed = session.edition;
  const fitsOf = (id: string) => [...session.pages.values()].flatMap((p) => p.fits.filter((f) => f.article === id));
  const onDragStart = (e: DragEvent, id: string) => {
    e.dataTransfer.setData(ARTICLE_MIME, id);
    e.dataTransfer.setData('text/plain', session.article(id)?.slug ?? id);
    e.dataTransfer.effectAllowed = 'move';
  };
  return (
    <nav className="navigator">
      <h2>版面</h2>
      <div className="thumbs">
        {ed.pages.map((p) => (
          <Thumbnail key={p.id} page={session.pages.get(p.number)} glyphs={glyphs} images={session.images} active={p.number === session.currentPage} onClick={() => session.goToPage(p.number)} />
        ))}
      </div>
      <h2>稿件 <small>拖到版面上以上版</small></h2>
      <ul className="articles" data-testid="article-list">
        {ed.articles.map((a) => {
          const fit = fitState(fitsOf(a.id));
          const counts = articleCounts(a);
          const pages = session.pagesOf(a.id);
          return (
            <li key={a.id} draggable onDragStart={(e) => onDragStart(e, a.id)} data-article={a.id}
              className={`${a.id === session.currentArticle ? 'active' : ''}`} onClick={() => session.openArticle(a.id)}>
              <div className="slug">{a.slug || a.id}</div>
              <div className="meta">
                <span className={`status status-${a.status}`}>{STATUS_LABELS[a.status]}</span>
                <span className="count">{counts.all} 字</span>
                <span className="where">{pages.length ? pages.map((n) => `${n}版`).join(' ') : ''}</span>
                <span className={`fit fit-${fit.kind}`} data-testid={`fit-${a.id}`}>{fitLabel(fit)}</span>
              </div>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
