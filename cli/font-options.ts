// `--font ROLE=FACE` (repeatable) on layout, export and preflight: sets a role in a bundled or
// installed face, or a font file, for this run (electron/services/fonts/roles.ts).
import { UsageError, EXIT } from './io';
import { userCacheDir } from './compile-cache';
import { applyFontOptions, FontMappingError, takeFontOptions } from '../electron/services/fonts/roles';

export const FONT_HELP = `  --font ROLE=FACE    set a role (书宋, 标宋, 大标宋, 黑体, 细黑, 粗黑, 楷体, 仿宋 …) in another face:
                      a face id, an installed face's name or PostScript name (banmian fonts),
                      or a font file (a collection's face as file.ttc#index); repeatable
`;

/** Takes `--font` options out of argv and applies them; returns the remaining arguments. */
export function withFontOptions(argv: string[]): string[] {
  try {
    const { specs, rest } = takeFontOptions(argv);
    if (specs.length) applyFontOptions(specs, { cacheDir: userCacheDir() });
    return rest;
  } catch (e) {
    if (e instanceof FontMappingError) throw new UsageError(e.message, EXIT.usage);
    throw e;
  }
}
