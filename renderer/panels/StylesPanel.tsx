// 样式: the template's paragraph styles as this edition sets them (Edition.styles over the template,
// engine/templates applyStyleOverrides): 字号, 字体 by role, 行距, 字距 and alignment of 正文, 主题,
// 副题, 引题, 小标题, 图片说明 …; every story set in a style follows at once. Each change is one
// undoable step of the session, saved by autosave; 还原 gives a style back to the template.
import { useState } from 'react';
import type { ParagraphStyle, Template } from '../../engine/templates';
import { applyStyleOverrides } from '../../engine/templates';
import type { EditionSession } from '../state/session';
import { SizeField } from './TypePanel';

type Fields = Record<string, unknown>;

const ALIGNS: [string, string][] = [
  ['justify', '两端对齐'],
  ['start', '居左'],
  ['center', '居中'],
  ['end', '居右'],
];
const LEADINGS = [1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2];
const TRACKINGS = Array.from({ length: 13 }, (_, i) => i - 6);

/** The edition's styles with one field of one style set (undefined: back to the template's). */
export function withStyleField(
  styles: Record<string, Fields> | undefined,
  name: string,
  field: string,
  value: unknown,
): Record<string, Fields> {
  const own: Fields = { ...styles?.[name] };
  if (value === undefined) delete own[field];
  else own[field] = value;
  const out = { ...styles };
  if (Object.keys(own).length) out[name] = own;
  else delete out[name];
  return out;
}

function effective(base: Template, styles: Record<string, Fields> | undefined): Template {
  try {
    return applyStyleOverrides(base, styles);
  } catch {
    return base;
  }
}

function StyleRow({
  name,
  style,
  own,
  roles,
  template,
  set,
}: {
  name: string;
  style: ParagraphStyle;
  own: Fields | undefined;
  roles: string[];
  template: Template;
  set(field: string, value: unknown): void;
}) {
  const role = roles.find((r) => template.roles[r] === style.face) ?? style.face;
  const leading = Math.round((style.lineHeight / style.size) * 100) / 100;
  const trackingPct = Math.round((style.tracking ?? 0) * 1000) / 10;
  return (
    <li className="finding style-row" data-testid={`style-${name}`} role="group" aria-label={`样式 ${name}`}>
      <strong>{name}</strong>
      <SizeField label={`${name}字号`} value={style.size} onChange={(v) => set('size', v)} />
      <label className="sel">
        <span>字体</span>
        <select aria-label={`${name}字体`} value={role} onChange={(e) => set('face', e.target.value)}>
          {!roles.includes(role) && <option value={role}>{role}</option>}
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="sel">
        <span>行距</span>
        <select
          aria-label={`${name}行距`}
          value={String(leading)}
          onChange={(e) => set('leading', Number(e.target.value))}
        >
          {[...new Set([...LEADINGS, leading])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={String(n)}>
                {n} 倍
              </option>
            ))}
        </select>
      </label>
      <label className="sel">
        <span>字距</span>
        <select
          aria-label={`${name}字距`}
          value={String(trackingPct)}
          onChange={(e) => set('tracking', Number(e.target.value) / 100 || undefined)}
        >
          {[...new Set([...TRACKINGS, trackingPct])]
            .sort((a, b) => a - b)
            .map((n) => (
              <option key={n} value={String(n)}>
                {n > 0 ? '+' : ''}
                {n}%
              </option>
            ))}
        </select>
      </label>
      <label className="sel">
        <span>对齐</span>
        <select aria-label={`${name}对齐`} value={style.align} onChange={(e) => set('align', e.target.value)}>
          {ALIGNS.map(([v, zh]) => (
            <option key={v} value={v}>
              {zh}
            </option>
          ))}
        </select>
      </label>
      {own && (
        <button className="small" onClick={() => set('*', undefined)}>
          还原
        </button>
      )}
    </li>
  );
}

export function StylesPanel({ session, onClose }: { session: EditionSession; onClose(): void }) {
  const [message, setMessage] = useState<string | null>(null);
  const page =
    session.edition.pages.find((p) => p.number === session.currentPage) ?? session.edition.pages[0];
  const base = page ? session.templates[page.template] : undefined;
  const styles = session.edition.styles;
  const set = (name: string) => (field: string, value: unknown) => {
    let next: Record<string, Fields>;
    if (field === '*') {
      next = { ...styles };
      delete next[name];
    } else next = withStyleField(styles, name, field, value);
    const ok = session.changeStyles(`样式 ${name}`, next);
    setMessage(ok ? null : (session.refusal ?? null));
  };
  return (
    <section className="preflight styles" role="dialog" aria-label="样式" data-testid="styles-panel">
      <h3>
        样式（本期）
        <button className="close" onClick={onClose} aria-label="关闭">
          ×
        </button>
      </h3>
      {!base && <p className="error">这一版的版式没有安装，无法改样式。</p>}
      {message && (
        <p className="error" role="alert">
          {message}
        </p>
      )}
      {base && (
        <ul className="findings">
          {Object.keys(base.paragraphStyles).map((name) => (
            <StyleRow
              key={name}
              name={name}
              style={effective(base, styles).paragraphStyles[name]}
              own={styles?.[name]}
              roles={Object.keys(base.roles)}
              template={base}
              set={set(name)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
