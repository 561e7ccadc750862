// banmian fonts: the faces this machine has — the bundled ones of the registry and the installed
// ones (fontconfig, the system and user font folders) — with the roles they fill, outline format,
// whether their licence allows embedding, and coverage of GB 2312 / GBK / GB 18030.
import type { CliIO } from '../io';
import { EXIT } from '../io';
import { parseArgs } from '../options';
import { userCacheDir } from '../compile-cache';
import { FONT_HELP, withFontOptions } from '../font-options';
import { fontReport } from '../../electron/services/fonts/roles';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.fonts;

const HELP = `usage: banmian fonts [--json] [--folder DIR …]

Lists the roles (书宋, 标宋, 黑体 …) with the face that sets each and its fallbacks, then every
face: bundled faces of the registry and faces installed on this machine, with outline format
(TrueType / CFF, collection), embedding permission (OS/2 fsType) and coverage of GB 2312, GBK
and GB 18030. Installed faces are cached in the user's cache folder and read again when a font
folder changes.

  --json        print {roles, faces} as JSON
  --folder DIR  also look in this folder (repeat as --folder=DIR for several)
${FONT_HELP}`;

const pct = ([have, of]: [number, number]) => `${Math.floor((have / of) * 1000) / 10}%`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const folders: string[] = [];
  const rest = withFontOptions(argv).filter((a) => {
    if (a.startsWith('--folder=')) {
      folders.push(a.slice(9));
      return false;
    }
    return true;
  });
  const { opts } = parseArgs(rest, { values: ['folder'], flags: ['json', 'help'] });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (typeof opts.folder === 'string') folders.push(opts.folder);
  const report = fontReport({ cacheDir: userCacheDir(), extraFolders: folders });
  if (opts.json) {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return EXIT.ok;
  }
  io.stdout.write('角色 roles:\n');
  for (const r of report.roles)
    io.stdout.write(
      `  ${r.role.padEnd(4, '　')} ${r.face}${r.substitute ? `（代用：${r.reason ?? ''}）` : ''}${r.chain.length > 1 ? `  → ${r.chain.slice(1).join(' → ')}` : ''}\n`,
    );
  io.stdout.write(`\n字体 faces (${report.faces.length}):\n`);
  for (const f of report.faces) {
    const cov = f.coverage
      ? `GB2312 ${pct(f.coverage.gb2312)} GBK ${pct(f.coverage.gbk)} GB18030 ${pct(f.coverage.gb18030)}`
      : '';
    io.stdout.write(
      `  ${f.id}  ${f.name}  [${f.source}${f.format ? `, ${f.format}${f.collection ? ' collection' : ''}` : ''}${f.embeddable === false ? ', 不允许嵌入 (fsType restricted)' : ''}]${f.roles.length ? `  角色 ${f.roles.join(' ')}` : ''}  ${cov}\n`,
    );
  }
  return EXIT.ok;
}
