// What one layout run works with — the fonts and the templates (each page's with the edition's style
// changes applied) — and the error a page that cannot be laid out is refused with.
import type { FontSet } from '../fonts/metrics';
import type { Edition, Page } from '../model/types';
import type { Template } from '../templates/types';
import { TemplateError, applyStyleOverrides } from '../templates/validate';

export interface LayoutContext {
  fonts: FontSet;
  templates: Record<string, Template>;
}

/** A page that cannot be laid out as asked (unknown template, article or a region off the grid). */
export class LayoutError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'LayoutError';
  }
}

// Templates with an edition's style changes applied, by the changes' content (an editor may change
// the styles object in place, so its identity says nothing).
const styled = new WeakMap<Template, Map<string, Template>>();

export function pageTemplate(edition: Edition, page: Page, ctx: LayoutContext): Template {
  const base = ctx.templates[page.template];
  if (!base)
    throw new LayoutError([
      `page ${page.number}: uses the template "${page.template}", which is not installed (installed: ${Object.keys(ctx.templates).sort().join(', ') || 'none'})`,
    ]);
  if (!edition.styles || !Object.keys(edition.styles).length) return base;
  const key = JSON.stringify(edition.styles);
  let m = styled.get(base);
  if (!m) {
    m = new Map();
    styled.set(base, m);
  }
  let t = m.get(key);
  if (!t) {
    try {
      t = applyStyleOverrides(base, edition.styles, `edition ${edition.id}`);
    } catch (e) {
      throw new LayoutError(
        e instanceof TemplateError
          ? e.problems.map((p) => `${p.file}: ${p.field}: ${p.message}`)
          : [(e as Error).message],
      );
    }
    if (m.size > 50) m.clear();
    m.set(key, t);
  }
  return t;
}

/**
 * The edition's style changes (样式) against each template its pages use: a name the template lacks
 * or a value out of range, as the loader and the store refuse them (none when the edition has none).
 */
export function styleProblems(
  edition: Pick<Edition, 'styles' | 'pages'>,
  template: (id: string) => Template | undefined,
): { path: string; message: string; zh: string }[] {
  if (!edition.styles || !Object.keys(edition.styles).length) return [];
  const out: { path: string; message: string; zh: string }[] = [];
  for (const id of new Set(edition.pages.map((p) => p.template))) {
    const t = template(id);
    if (!t) continue;
    try {
      applyStyleOverrides(t, edition.styles, 'styles');
    } catch (e) {
      if (!(e instanceof TemplateError)) throw e;
      for (const p of e.problems)
        out.push({ path: p.field, message: p.message, zh: `样式 ${p.field}（版式 ${id}）：${p.message}` });
    }
  }
  return out;
}
