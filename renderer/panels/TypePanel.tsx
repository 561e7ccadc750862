// One idea: one form of many small controls (type, 自动适合, 底纹, rules, box), a few lines of JSX each.
// The story's type and decoration, over the template's styles (Placement.type, tint, box, columnRules):
// 字体 by role, 字号 in 号 or points, 行距, 字距, alignment and indent of the body; the 主题's size;
// 自动适合 (适合, 挤一行, 放一行, engine/layout/autofit.ts) with what it changed; 底纹 in CMYK; the
// box's weight, style and corners; 分栏线. Every change is one undoable step of the session.
import { useState } from 'react';
import type { Placement, RuleStyle, StoryType, TypeOverride } from '../../engine/model/types';
import type { Template } from '../../engine/templates';
import { fitHeadline, fitLines, type FitResult } from '../../engine/layout/autofit';
import { styleFor } from '../../engine/layout/runs';
import { storyTemplate } from '../../engine/layout/story';
import { HAO_SIZES, parseSize } from '../../engine/units';
import type { EditionSession } from '../state/session';
import { ruleUnder, ruleUnderStyle, setRuleUnder } from '../state/story-rule';
import { ScaleField } from './ScaleField';

type Update = (label: string, next: Placement) => boolean;

const ALIGNS: [NonNullable<TypeOverride['align']>, string][] = [
  ['justify', '两端对齐'],
  ['start', '居左'],
  ['center', '居中'],
  ['end', '居右'],
];
const RULES: [RuleStyle, string][] = [
  ['thin', '细线'],
  ['thick', '粗线'],
  ['double', '双线'],
  ['dotted', '点线'],
];

/** The choices of a select, as [value, name] pairs. */
function Options({ list }: { list: readonly (readonly [string, string])[] }) {
  return (
    <>
      {list.map(([v, name]) => (
        <option key={v} value={v}>
          {name}
        </option>
      ))}
    </>
  );
}

/** A size as an editor says it: its 号 name when it is one, else points. */
export function sizeName(pt: number): string {
  const hao = Object.entries(HAO_SIZES).find(([, v]) => v === pt);
  return hao ? `${hao[0]}（${pt} pt）` : `${Math.round(pt * 100) / 100} pt`;
}

/** The placement with one field of its type set (undefined: back to the template's). */
function setType(pl: Placement, part: keyof StoryType, field: keyof TypeOverride, value: unknown): Placement {
  const o: TypeOverride = { ...pl.type?.[part] };
  if (value === undefined) delete o[field];
  else (o as Record<string, unknown>)[field] = value;
  const type: StoryType = { ...pl.type, [part]: o };
  if (!Object.keys(o).length) delete type[part];
  const { type: _old, ...rest } = pl;
  return Object.keys(type).length ? { ...rest, type } : rest;
}

/** 字号: the 号 sizes to pick from, or any size typed in points or as a 号 name (Enter applies). */
export function SizeField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    let v: number;
    try {
      v = parseSize(draft.trim().replace(/磅$/, 'pt'));
    } catch {
      v = NaN;
    }
    if (!(v >= 4 && v <= 200)) return setProblem(`${label}应为 4–200 pt 或号数（如 五号）`);
    setDraft(null);
    setProblem(null);
    if (v !== value) onChange(v);
  };
  return (
    <label className="sel">
      <span>{label}</span>
      <select
        aria-label={label}
        value={Object.values(HAO_SIZES).includes(value) ? String(value) : ''}
        onChange={(e) => e.target.value && onChange(Number(e.target.value))}
      >
        {!Object.values(HAO_SIZES).includes(value) && <option value="">{sizeName(value)}</option>}
        {Object.entries(HAO_SIZES).map(([name, pt]) => (
          <option key={name} value={pt}>
            {name}（{pt} pt）
          </option>
        ))}
      </select>
      <input
        type="text"
        aria-label={`${label}（磅）`}
        size={5}
        value={draft ?? String(value)}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => {
          setDraft(e.target.value);
          setProblem(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') setDraft(null);
        }}
        onBlur={() => {
          setDraft(null);
          setProblem(null);
        }}
      />
      {problem && (
        <small className="error" role="alert">
          {problem}
        </small>
      )}
    </label>
  );
}

/** One CMYK percentage of the 底纹 (0–100, Enter applies). */
function Ink({ ink, value, onChange }: { ink: string; value: number; onChange(v: number): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <label className="num">
      <span>{ink}</span>
      <input
        type="text"
        inputMode="numeric"
        size={3}
        aria-label={`底纹 ${ink}`}
        value={draft ?? String(value)}
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setDraft(null);
          if (e.key !== 'Enter' || draft === null) return;
          const v = Number(draft.trim().replace(/%$/, ''));
          setDraft(null);
          if (draft.trim() && Number.isFinite(v) && v >= 0 && v <= 100 && v !== value) onChange(v);
        }}
        onBlur={() => setDraft(null)}
      />
    </label>
  );
}

export function TypePanel({
  session,
  page,
  pl,
  template,
  update,
}: {
  session: EditionSession;
  page: number;
  pl: Placement;
  template: Template;
  update: Update;
}) {
  const [fitMessage, setFitMessage] = useState<string | null>(null);
  const t = storyTemplate(template, pl.type, pl.headline?.style);
  const bodyStyle = t.paragraphStyles[t.blockStyles.paragraph];
  const headStyle = styleFor(t, 'headline', pl.headline?.style);
  const body = pl.type?.body ?? {};
  const pitch = template.body.pitch;
  const roles = Object.keys(template.roles);
  const run = (label: string, f: () => FitResult) => {
    let r: FitResult;
    try {
      r = f();
    } catch (e) {
      r = { placement: null, message: `${label}未执行：${(e as Error).message}` };
    }
    if (r.placement && !update(label, r.placement)) return setFitMessage(`${label}未执行`);
    setFitMessage(r.message);
  };
  const ctx = { fonts: session.fonts, templates: session.templates };
  const tint = pl.tint ?? { c: 0, m: 0, y: 0, k: 0 };
  const pageOf = session.edition.pages.find((p) => p.number === page);
  const setTint = (ink: 'c' | 'm' | 'y' | 'k', v: number) => {
    const next = { ...tint, [ink]: v };
    const { tint: _t, ...rest } = pl;
    update('底纹', next.c || next.m || next.y || next.k ? { ...pl, tint: next } : rest);
  };
  const trackingPct = Math.round((body.tracking ?? 0) * 1000) / 10;
  const trackingChoices = [...new Set([...Array.from({ length: 13 }, (_, i) => i - 6), trackingPct])].sort(
    (a, b) => a - b,
  );
  const leadingRows = body.leading ? body.leading / pitch : 0;

  return (
    <div className="type-panel" data-testid="type-panel">
      <h4>文字</h4>
      <div className="row">
        <label className="sel">
          <span>字体</span>
          <select
            aria-label="正文字体"
            value={body.role ?? ''}
            onChange={(e) => update('正文字体', setType(pl, 'body', 'role', e.target.value || undefined))}
          >
            <option value="">
              版式（{roles.find((r) => template.roles[r] === bodyStyle.face) ?? bodyStyle.face}）
            </option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <SizeField
          label="正文字号"
          value={bodyStyle.size}
          onChange={(v) => update('正文字号', setType(pl, 'body', 'size', v))}
        />
      </div>
      <div className="row">
        <label className="sel">
          <span>行距</span>
          <select
            aria-label="行距"
            value={String(leadingRows)}
            onChange={(e) => {
              const rows = Number(e.target.value);
              update('行距', setType(pl, 'body', 'leading', rows ? rows * pitch : undefined));
            }}
          >
            <option value="0">
              版式（{Math.max(1, Math.ceil(bodyStyle.lineHeight / pitch - 0.08))} 行）
            </option>
            {[1, 1.5, 2, 3].map((n) => (
              <option key={n} value={String(n)}>
                {n} 行（{Math.round(n * pitch * 10) / 10} pt）
              </option>
            ))}
            {leadingRows && ![1, 1.5, 2, 3].includes(leadingRows) ? (
              <option value={String(leadingRows)}>{Math.round((body.leading ?? 0) * 10) / 10} pt</option>
            ) : null}
          </select>
        </label>
        <label className="sel">
          <span>字距</span>
          <select
            aria-label="字距"
            value={String(trackingPct)}
            onChange={(e) => {
              const v = Number(e.target.value) / 100;
              update('字距', setType(pl, 'body', 'tracking', v || undefined));
            }}
          >
            {trackingChoices.map((n) => (
              <option key={n} value={String(n)}>
                {n > 0 ? '+' : ''}
                {n}%
              </option>
            ))}
          </select>
        </label>
        <label className="sel">
          <span>对齐</span>
          <select
            aria-label="正文对齐"
            value={body.align ?? ''}
            onChange={(e) => update('正文对齐', setType(pl, 'body', 'align', e.target.value || undefined))}
          >
            <option value="">版式</option>
            <Options list={ALIGNS} />
          </select>
        </label>
        <label className="sel">
          <span>缩进</span>
          <select
            aria-label="首行缩进"
            value={body.indent === undefined ? '' : String(body.indent)}
            onChange={(e) =>
              update(
                '首行缩进',
                setType(pl, 'body', 'indent', e.target.value ? Number(e.target.value) : undefined),
              )
            }
          >
            <option value="">版式（{bodyStyle.indent} 字）</option>
            {[0, 1, 2, 3, 4].map((n) => (
              <option key={n} value={String(n)}>
                {n} 字
              </option>
            ))}
          </select>
        </label>
        {!pl.vertical && (
          <ScaleField
            label="正文长扁"
            value={body.scale}
            onChange={(v) => update('正文长扁', setType(pl, 'body', 'scale', v))}
          />
        )}
      </div>
      {pl.headline && (
        <div className="row">
          <SizeField
            label="主题字号"
            value={headStyle.size}
            onChange={(v) => update('主题字号', setType(pl, 'headline', 'size', v))}
          />
          {pl.headline.orientation !== 'vertical' && (
            <ScaleField
              label="主题长扁"
              value={pl.type?.headline?.scale}
              onChange={(v) => update('主题长扁', setType(pl, 'headline', 'scale', v))}
            />
          )}
        </div>
      )}
      <div className="row" role="group" aria-label="自动适合">
        <span className="tag">自动适合</span>
        {pl.headline && (
          <button
            className="small"
            onClick={() => run('适合', () => fitHeadline(session.edition, page, pl.article, ctx))}
          >
            适合
          </button>
        )}
        <button
          className="small"
          onClick={() => run('挤一行', () => fitLines(session.edition, page, pl.article, -1, ctx))}
        >
          挤一行
        </button>
        <button
          className="small"
          onClick={() => run('放一行', () => fitLines(session.edition, page, pl.article, 1, ctx))}
        >
          放一行
        </button>
        {fitMessage && (
          <output data-testid="fit-message" aria-live="polite">
            {fitMessage}
          </output>
        )}
      </div>
      <div className="row" role="group" aria-label="底纹">
        <span className="tag">底纹</span>
        {(['c', 'm', 'y', 'k'] as const).map((ink) => (
          <Ink key={ink} ink={ink.toUpperCase()} value={tint[ink]} onChange={(v) => setTint(ink, v)} />
        ))}
        {pl.tint && (
          <button
            className="small"
            onClick={() => {
              const { tint: _t, ...rest } = pl;
              update('去底纹', rest);
            }}
          >
            去底纹
          </button>
        )}
      </div>
      <div className="row">
        <label className="sel">
          <span>分栏线</span>
          <select
            aria-label="分栏线"
            value={pl.columnRules ?? ''}
            onChange={(e) => {
              const { columnRules: _c, ...rest } = pl;
              update('分栏线', e.target.value ? { ...pl, columnRules: e.target.value as RuleStyle } : rest);
            }}
          >
            <option value="">无</option>
            <Options list={RULES} />
          </select>
        </label>
        {ruleUnder(pl, template.grid.lines) && (
          <label className="sel">
            <span>下隔线</span>
            <select
              aria-label="下隔线"
              value={pageOf ? (ruleUnderStyle(pageOf, pl, template.grid.lines) ?? '') : ''}
              onChange={(e) =>
                session.changePages(
                  '隔线',
                  setRuleUnder(
                    session.edition.pages,
                    page,
                    pl,
                    template.grid.lines,
                    (e.target.value || null) as RuleStyle | null,
                  ),
                )
              }
            >
              <option value="">自动</option>
              <Options list={RULES} />
            </select>
          </label>
        )}
        {pl.box && (
          <>
            <label className="sel">
              <span>框线</span>
              <select
                aria-label="框线粗细"
                value={String(pl.box.weight ?? '')}
                onChange={(e) => {
                  const { weight: _w, ...box } = pl.box!;
                  update('框线', {
                    ...pl,
                    box: e.target.value ? { ...box, weight: Number(e.target.value) } : box,
                  });
                }}
              >
                <option value="">版式（{template.rules.box} pt）</option>
                {[0.25, 0.5, 1, 1.5, 2, 3].map((w) => (
                  <option key={w} value={String(w)}>
                    {w} pt
                  </option>
                ))}
              </select>
            </label>
            <label className="sel">
              <span>线型</span>
              <select
                aria-label="框线线型"
                value={pl.box.style ?? 'solid'}
                onChange={(e) => {
                  const { style: _s, ...box } = pl.box!;
                  const v = e.target.value as 'solid' | 'double' | 'dotted';
                  update('框线线型', { ...pl, box: v === 'solid' ? box : { ...box, style: v } });
                }}
              >
                <option value="solid">实线</option>
                <option value="double">双线</option>
                <option value="dotted">点线</option>
              </select>
            </label>
            <label className="sel">
              <span>框角</span>
              <select
                aria-label="框角"
                value={String(pl.box.corner ?? 0)}
                onChange={(e) => {
                  const { corner: _c, ...box } = pl.box!;
                  const v = Number(e.target.value);
                  update('框角', { ...pl, box: v ? { ...box, corner: v } : box });
                }}
              >
                <option value="0">直角</option>
                <option value="0.5">圆角（半字）</option>
                <option value="1">圆角（1 字）</option>
              </select>
            </label>
            <label className="sel">
              <span>内空</span>
              <select
                aria-label="框内空"
                value={String(pl.box.inset)}
                onChange={(e) =>
                  update('框内空', { ...pl, box: { ...pl.box!, inset: Number(e.target.value) } })
                }
              >
                {[0, 0.5, 1, 1.5, 2].map((n) => (
                  <option key={n} value={String(n)}>
                    {n} 字
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
    </div>
  );
}
