// Placement properties of the open story on the current page: headline span and orientation, body
// regions, photo frames (add, fit, crop), the box. Every change is one undoable step. Its number
// fields are NumField.tsx, its 转版 control ContinueOn.tsx.
import { memo } from 'react';
import type { Placement } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { removePart, setBodyOrientation, storyParts, unlinkPart } from '../state/continued';
import { clampRect, gridOf } from '../state/placing';
import type { EditionSession } from '../state/session';
import { sameItems, useSessionValue } from '../state/use-session';
import { withFit } from '../page/photo-scale';
import { PhotoScaleField } from './PhotoScaleField';
import { ContinueOn } from './ContinueOn';
import { Num } from './NumField';
import { TypePanel } from './TypePanel';
import { verticalBodyProblem, verticalHeadlineProblem } from '../../engine/layout/vertical-fit';

type InspectorProps = { session: EditionSession; template: Template | undefined };

/**
 * Re-rendered only when what it shows changes (the pages' placements, photos, the page and story
 * open, which blocks are photos, the fonts), not for each keystroke in the story.
 */
export const Inspector = memo(function Inspector(p: InspectorProps) {
  useSessionValue(
    p.session,
    (s) => [
      s.edition.pages,
      s.edition.assets,
      s.currentPage,
      s.currentArticle,
      s.fonts,
      s
        .article(s.currentArticle)
        ?.blocks.flatMap((b, i) => (b.type === 'photo' ? [i] : []))
        .join(','),
    ],
    { equal: sameItems, settled: true },
  );
  return <InspectorPanel {...p} />;
});

function InspectorPanel({ session, template }: InspectorProps) {
  const page = session.edition.pages.find((p) => p.number === session.currentPage);
  const pl = page?.placements.find((p) => p.article === session.currentArticle);
  const article = session.article(session.currentArticle);
  if (!page || !article || !template) return null;
  const grid = gridOf(template);
  if (!pl)
    return (
      <section className="inspector">
        <h3>版面属性</h3>
        <p className="hint">此稿未上本版。把稿件从左侧列表拖到版面上即可上版。</p>
      </section>
    );

  const update = (label: string, next: Placement) =>
    session.setPlacements(
      page.number,
      label,
      page.placements.map((p) => (p === pl ? next : p)),
    );
  const parts = storyParts(session.edition.pages, pl.article);
  const h = pl.headline;
  const photoBlocks = article.blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.type === 'photo');
  const framed = new Set(pl.photos.map((f) => f.block));

  return (
    <section className="inspector" data-testid="inspector">
      <h3>
        版面属性 <small>{pl.regions.length} 个文字区</small>
      </h3>
      {h ? (
        <div className="row">
          <Num
            label="标题跨栏"
            value={h.area.cols}
            min={1}
            max={grid.columns}
            onChange={(v) =>
              update('标题跨栏', { ...pl, headline: { ...h, area: clampRect(grid, { ...h.area, cols: v }) } })
            }
          />
          <Num
            label="标题占行"
            value={h.area.lines}
            min={1}
            max={grid.lines}
            onChange={(v) =>
              update('标题占行', {
                ...pl,
                headline: { ...h, area: clampRect(grid, { ...h.area, lines: v }) },
              })
            }
          />
          <label className="sel">
            <span>排向</span>
            <select
              value={h.orientation}
              onChange={(e) => {
                const next: Placement = {
                  ...pl,
                  headline: { ...h, orientation: e.target.value as 'horizontal' | 'vertical' },
                };
                // A low area would set a character or two a column: not done, and the editor is told why.
                const problem =
                  e.target.value === 'vertical'
                    ? verticalHeadlineProblem(template, next, session.article(article.id) ?? article)
                    : null;
                if (problem) session.refuse('标题竖排', problem);
                else update('标题排向', next);
              }}
            >
              <option value="horizontal">横排</option>
              <option value="vertical">竖排</option>
            </select>
          </label>
          <label className="sel">
            <span>对齐</span>
            <select
              value={h.align}
              onChange={(e) =>
                update('标题对齐', { ...pl, headline: { ...h, align: e.target.value as 'left' | 'center' } })
              }
            >
              <option value="left">居左</option>
              <option value="center">居中</option>
            </select>
          </label>
        </div>
      ) : (
        <button
          onClick={() => {
            const r = pl.regions[0];
            if (!r) return;
            update('加标题区', {
              ...pl,
              headline: {
                area: { col: r.col, cols: r.cols, line: r.line, lines: 3 },
                orientation: 'horizontal',
                align: 'left',
              },
              regions: pl.regions.map((x, i) =>
                i === 0 && x.lines > 3 ? { ...x, line: x.line + 3, lines: x.lines - 3 } : x,
              ),
            });
          }}
        >
          加标题区
        </button>
      )}
      <div className="row">
        <label className="sel">
          <span>正文排向</span>
          {/* Every part of a story continued across pages (转版) turns with it. */}
          <select
            data-testid="body-orientation"
            value={pl.vertical ? 'vertical' : 'horizontal'}
            onChange={(e) => {
              const problem = e.target.value === 'vertical' ? verticalBodyProblem(template, pl) : null;
              if (problem) return session.refuse('正文竖排', problem);
              session.changePlacements(
                '正文排向',
                setBodyOrientation(session.edition.pages, pl.article, e.target.value === 'vertical'),
              );
            }}
          >
            <option value="horizontal">横排</option>
            <option value="vertical">竖排（自右向左）</option>
          </select>
        </label>
      </div>
      {pl.regions.map((r, i) => (
        <div className="row" key={`r${i}`}>
          <span className="tag">文字区 {i + 1}</span>
          <Num
            label="栏"
            value={r.col + 1}
            min={1}
            max={grid.columns}
            onChange={(v) =>
              update('移动区域', {
                ...pl,
                regions: pl.regions.map((x, j) => (j === i ? clampRect(grid, { ...x, col: v - 1 }) : x)),
              })
            }
          />
          <Num
            label="跨栏"
            value={r.cols}
            min={1}
            max={grid.columns}
            onChange={(v) =>
              update('调整区域', {
                ...pl,
                regions: pl.regions.map((x, j) => (j === i ? clampRect(grid, { ...x, cols: v }) : x)),
              })
            }
          />
          <Num
            label="行"
            value={r.line + 1}
            min={1}
            max={grid.lines}
            onChange={(v) =>
              update('移动区域', {
                ...pl,
                regions: pl.regions.map((x, j) => (j === i ? clampRect(grid, { ...x, line: v - 1 }) : x)),
              })
            }
          />
          <Num
            label="行数"
            value={r.lines}
            min={1}
            max={grid.lines}
            onChange={(v) =>
              update('调整区域', {
                ...pl,
                regions: pl.regions.map((x, j) => (j === i ? clampRect(grid, { ...x, lines: v }) : x)),
              })
            }
          />
        </div>
      ))}
      {pl.photos.map((f, i) => (
        <div className="row" key={`p${i}`}>
          <span className="tag">图框 {i + 1}</span>
          <label className="sel">
            <span>填充</span>
            <select
              value={f.fit}
              onChange={(e) =>
                update('图片填充', {
                  ...pl,
                  photos: pl.photos.map((x, j) =>
                    j === i ? withFit(x, e.target.value as 'fit' | 'fill') : x,
                  ),
                })
              }
            >
              <option value="fill">裁满</option>
              <option value="fit">完整</option>
            </select>
          </label>
          <label className="range">
            <span>横裁</span>
            <input
              type="range"
              min={-1}
              max={1}
              step={0.05}
              value={f.cropX ?? 0}
              onChange={(e) =>
                update('裁切图片', {
                  ...pl,
                  photos: pl.photos.map((x, j) => (j === i ? { ...x, cropX: Number(e.target.value) } : x)),
                })
              }
            />
          </label>
          <label className="range">
            <span>竖裁</span>
            <input
              type="range"
              min={-1}
              max={1}
              step={0.05}
              value={f.cropY ?? 0}
              onChange={(e) =>
                update('裁切图片', {
                  ...pl,
                  photos: pl.photos.map((x, j) => (j === i ? { ...x, cropY: Number(e.target.value) } : x)),
                })
              }
            />
          </label>
          <PhotoScaleField
            session={session}
            page={page.number}
            article={pl.article}
            grid={grid}
            frame={f}
            index={i}
            onChange={(label, next) =>
              update(label, { ...pl, photos: pl.photos.map((x, j) => (j === i ? next : x)) })
            }
          />
          <button
            className="small"
            onClick={() => update('删除图框', { ...pl, photos: pl.photos.filter((_, j) => j !== i) })}
          >
            删除
          </button>
        </div>
      ))}
      <div className="row">
        {photoBlocks
          .filter(({ i }) => !framed.has(i))
          .map(({ i }) => (
            <button
              key={i}
              onClick={() => {
                const r = pl.regions[0] ?? { col: 0, cols: 2, line: 0, lines: 20 };
                const area = clampRect(grid, {
                  col: r.col,
                  cols: Math.min(2, r.cols),
                  line: r.line,
                  lines: Math.min(16, r.lines),
                });
                update('加图框', {
                  ...pl,
                  photos: [...pl.photos, { block: i, area, fit: 'fill', captionLines: 2 }],
                });
              }}
            >
              为第 {i + 1} 段图片加图框
            </button>
          ))}
        {parts.length > 1 && (
          <span className="tag" data-testid="jump">
            转版：{parts.map((p) => `${p.page}版`).join(' → ')}
          </span>
        )}
        {parts.length > 1 && parts[0].page !== page.number && (
          <label className="check">
            <input
              type="checkbox"
              aria-label="接转标题"
              data-testid="jump-headline"
              checked={!!pl.jumpHeadline}
              onChange={(e) => {
                const { jumpHeadline: _j, ...rest } = pl;
                update(
                  e.target.checked ? '加接转标题' : '去掉接转标题',
                  e.target.checked ? { ...rest, jumpHeadline: true } : rest,
                );
              }}
            />
            接转标题
          </label>
        )}
        {pl.continuesOn && (
          <button
            className="small"
            onClick={() =>
              session.changePlacements('断开转版', unlinkPart(session.edition.pages, page.number, pl.article))
            }
          >
            断开转版
          </button>
        )}
        <ContinueOn session={session} page={page.number} article={pl.article} />
        <button
          className="small"
          onClick={() =>
            session.changePlacements('撤下', removePart(session.edition.pages, page.number, pl.article))
          }
          data-testid="take-off"
        >
          撤下本版
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={!!pl.box}
            onChange={(e) => {
              const { box: _box, ...rest } = pl;
              update(
                e.target.checked ? '加框' : '去框',
                e.target.checked ? { ...pl, box: { inset: 1 } } : rest,
              );
            }}
          />
          加框
        </label>
      </div>
      <TypePanel session={session} page={page.number} pl={pl} template={template} update={update} />
      <p className="hint">
        拖动蓝色标签移动整篇稿件；拖动边框移动区域、拖动角点调整大小（吸附到栏与行）；按住 Shift
        在图框内拖动可裁切。
      </p>
    </section>
  );
}
