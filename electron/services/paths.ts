// Where the product's data lives at run time: the project root holds fonts/ and templates/.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | null = null;

/** The directory that holds Banmian's package.json (works from sources, from dist/ and from out/). */
export function projectRoot(): string {
  if (cached) return cached;
  const starts = [typeof __dirname === 'string' ? __dirname : process.cwd(), process.cwd()];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      const pkg = join(dir, 'package.json');
      if (existsSync(pkg)) {
        try {
          if (JSON.parse(readFileSync(pkg, 'utf8')).name === 'banmian') return (cached = dir);
        } catch { /* keep walking */ }
      }
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  throw new Error('cannot find the Banmian installation (no package.json named "banmian" above ' + starts[0] + ')');
}

export const fontsDir = (): string => join(projectRoot(), 'fonts');
/** The installed page templates; BANMIAN_TEMPLATES names another folder of them (a newsroom's own set, or a test's copy). */
export const templatesDir = (): string => process.env.BANMIAN_TEMPLATES || join(projectRoot(), 'templates');
