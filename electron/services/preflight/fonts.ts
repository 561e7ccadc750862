// Faces: a fallback or a machine's system face standing in for a block's own, and faces that cannot
// be loaded or whose licence forbids embedding.
import type { DisplayPage, GlyphRun } from '../../../engine/display/types';
import { embeddable, loadFontSet } from '../fonts';
import type { Finding } from './types';

/** Runs set in a fallback face: the block's own face lacked the character (a different design shows). */
export function checkFallbacks(page: DisplayPage, out: Finding[]) {
  const fonts = loadFontSet();
  const byBlock = new Map<string, GlyphRun[]>();
  for (const item of page.items) {
    if (item.kind !== 'glyphs' || !item.glyphs.length) continue;
    const src = item.glyphs[0].src;
    if (!src.article) continue;
    const key = `${src.article}\u0000${src.block}`;
    const list = byBlock.get(key) ?? [];
    list.push(item);
    byBlock.set(key, list);
  }
  for (const runs of byBlock.values()) {
    const faces = [...new Set(runs.map((r) => r.face))];
    for (const run of runs) {
      const inChain = faces.find((f) => f !== run.face && fonts.fallbackChain(f).includes(run.face));
      // A rare character comes from a face outside every chain of the block's faces (NodeFontSet.rareFace).
      const rare = inChain
        ? undefined
        : faces.find((f) => f !== run.face && !fonts.fallbackChain(run.face).includes(f));
      const primary = inChain ?? rare;
      if (!primary) continue;
      const lacking = run.glyphs.filter((g) => {
        const cp = g.text.codePointAt(0);
        return cp !== undefined && !fonts.face(primary).has(cp);
      });
      if (!lacking.length) continue;
      const g = lacking[0];
      out.push({
        severity: 'warning',
        code: 'font-fallback',
        page: page.number,
        article: g.src.article,
        position: { block: g.src.block, offset: g.src.offset },
        message: inChain
          ? `“${lacking.map((l) => l.text).join('')}” 不在字体 ${primary} 中，以后备字体 ${run.face} 排出`
          : `生僻字“${lacking.map((l) => l.text).join('')}” 不在字体 ${primary} 及其后备字体中，以另有此字的字体 ${run.face} 排出`,
      });
    }
    for (const run of runs) {
      if (!run.face.endsWith('-system')) continue;
      const g = run.glyphs[0];
      out.push({
        severity: 'warning',
        code: 'font-system',
        page: page.number,
        article: g.src.article,
        position: { block: g.src.block, offset: g.src.offset },
        message: `“${run.glyphs.map((x) => x.text).join('')}” 用了本机系统字体 ${run.face}：别的电脑上排版可能不同`,
      });
    }
  }
}

export function checkFonts(pages: DisplayPage[], out: Finding[]) {
  const faces = new Set<string>();
  for (const p of pages)
    for (const item of p.items) if (item.kind === 'glyphs' && item.glyphs.length) faces.add(item.face);
  for (const id of [...faces].sort()) {
    try {
      if (!embeddable(id))
        out.push({
          severity: 'error',
          code: 'font-not-embeddable',
          page: null,
          article: null,
          message: `字体 ${id} 的授权不允许嵌入 PDF`,
        });
    } catch (e) {
      out.push({
        severity: 'error',
        code: 'font-missing',
        page: null,
        article: null,
        message: `字体 ${id} 无法载入：${(e as Error).message}`,
      });
    }
  }
}
