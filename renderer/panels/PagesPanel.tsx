// The navigator's pages: thumbnails dragged to reorder, and 添加版面 (on a template), 复制版面,
// 删除版面, the page's 版名 and 版次, and 广告位. Each is one undoable step of the page list; the
// folios, running heads and jump lines follow the new numbers (layout sets them).
import { useState, type DragEvent, type ReactNode } from 'react';
import type { EditionSession } from '../state/session';
import { carriesOverset, dropOverset } from '../page/overset-drag';
import { addedPage, confirmDeletePage, pageStep } from '../commands/steps';
import { addAd, addPage, deletePage, duplicatePage, movePage, renamePage, type Result } from '../state/pages';
import { PagePlanControls, PlanTag } from '../newsroom/PagePlan';

export const PAGE_MIME = 'application/x-banmian-page';

export function PagesPanel({
  session,
  thumb,
}: {
  session: EditionSession;
  thumb(p: { number: number; section: string; id: string }): ReactNode;
}) {
  const ed = session.edition;
  const current = ed.pages.find((p) => p.number === session.currentPage);
  const templates = Object.entries(session.templates);
  const [template, setTemplate] = useState<string>('');
  const [over, setOver] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosen =
    template && session.templates[template] ? template : (current?.template ?? templates[0]?.[0] ?? '');

  const run = (label: string, r: Result, goTo?: (pages: typeof ed.pages) => number | undefined) =>
    setError(pageStep(session, label, r, goTo));
  const newOne = addedPage;

  const onDragStart = (e: DragEvent, number: number) => {
    e.dataTransfer.setData(PAGE_MIME, String(number));
    e.dataTransfer.effectAllowed = 'move';
  };
  const onDrop = (e: DragEvent, index: number) => {
    const from = Number(e.dataTransfer.getData(PAGE_MIME));
    setOver(null);
    if (!from) return;
    e.preventDefault();
    const id = ed.pages.find((p) => p.number === from)?.id;
    run('移动版面', movePage(ed.pages, from, index), (pages) => pages.find((p) => p.id === id)?.number);
  };

  return (
    <section className="pages-panel" data-testid="pages-panel">
      <div className="thumbs">
        {ed.pages.map((p, i) => (
          <div
            key={p.id}
            draggable
            onDragStart={(e) => onDragStart(e, p.number)}
            data-page-id={p.id}
            className={`thumb-slot ${over === i ? 'drop' : ''}`}
            onDragOver={(e) => {
              // An overset mark dropped on a thumbnail continues its story on that page (转版).
              if (carriesOverset(e)) {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'copy';
                setOver(i);
              } else if (e.dataTransfer.types.includes(PAGE_MIME)) {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                setOver(i);
              }
            }}
            onDragLeave={() => setOver(null)}
            onDrop={(e) => {
              if (dropOverset(e, session, p.number)) setOver(null);
              else onDrop(e, i);
            }}
          >
            {thumb(p)}
            <PlanTag session={session} page={p.id} />
          </div>
        ))}
      </div>
      <div className="page-actions">
        <select aria-label="新版面的模板" value={chosen} onChange={(e) => setTemplate(e.target.value)}>
          {templates.map(([id, t]) => (
            <option key={id} value={id}>
              {t.name}
            </option>
          ))}
        </select>
        <button
          aria-label="添加版面"
          title="在当前版面之后添加一个空版面"
          onClick={() => run('添加版面', addPage(ed.pages, chosen, current?.number), newOne(ed.pages))}
          data-testid="page-add"
        >
          添加
        </button>
        <button
          aria-label="复制版面"
          title="复制当前版面的版式（模板、版名、广告位），不含稿件"
          disabled={!current}
          onClick={() =>
            current && run('复制版面', duplicatePage(ed.pages, current.number), newOne(ed.pages))
          }
          data-testid="page-duplicate"
        >
          复制
        </button>
        <button
          aria-label="删除版面"
          title="删除当前版面；版上的稿件回到稿件列表"
          disabled={!current || ed.pages.length < 2}
          onClick={() => {
            if (current && confirmDeletePage(current)) run('删除版面', deletePage(ed.pages, current.number));
          }}
          data-testid="page-delete"
        >
          删除
        </button>
      </div>
      {current && (
        <PageName
          key={`${current.id}:${current.number}:${current.section}`}
          number={current.number}
          section={current.section}
          onCommit={(section, number) =>
            run(
              '版面改名',
              renamePage(ed.pages, current.number, section, number),
              (pages) => pages.find((p) => p.id === current.id)?.number,
            )
          }
        />
      )}
      {current && <PagePlanControls session={session} page={current.id} />}
      {current && session.templates[current.template] && (
        <button
          className="ad-add"
          aria-label="添加广告位"
          title="在本版底部右侧留出一个广告位（半个版心宽、六分之一高），再用选择工具调整"
          onClick={() => {
            const g = session.templates[current.template].grid;
            const cols = Math.max(1, Math.floor(g.columns / 2)),
              lines = Math.max(1, Math.floor(g.lines / 6));
            run(
              '添加广告位',
              addAd(ed.pages, current.number, {
                label: '',
                col: g.columns - cols,
                cols,
                line: g.lines - lines,
                lines,
              }),
            );
          }}
          data-testid="ad-add"
        >
          添加广告位
        </button>
      )}
      {error && (
        <p className="error" role="alert" data-testid="pages-error">
          {error}
        </p>
      )}
    </section>
  );
}

/** 版名 and 版次 of the page shown, committed on Enter or when the field is left. */
function PageName({
  number,
  section,
  onCommit,
}: {
  number: number;
  section: string;
  onCommit(section: string, number: number): void;
}) {
  const [name, setName] = useState(section);
  const [num, setNum] = useState(String(number));
  const commit = () => {
    if (name !== section || num !== String(number)) onCommit(name, Number(num));
  };
  const key = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      commit();
    }
  };
  return (
    <div className="page-name">
      <label>
        版次{' '}
        <input
          aria-label="版次"
          value={num}
          size={3}
          inputMode="numeric"
          onChange={(e) => setNum(e.target.value)}
          onBlur={commit}
          onKeyDown={key}
          data-testid="page-number"
        />
      </label>
      <label>
        版名{' '}
        <input
          aria-label="版名"
          value={name}
          size={8}
          onChange={(e) => setName(e.target.value)}
          onBlur={commit}
          onKeyDown={key}
          data-testid="page-section"
        />
      </label>
    </div>
  );
}
