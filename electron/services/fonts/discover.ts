// The faces installed on this machine: fontconfig's list on Linux, the system and user font
// folders on Windows and macOS, and any folders the user adds. Each face is read once for its
// names (Chinese and English family and style, PostScript name), outline format, embedding
// permission (OS/2 fsType) and coverage of GB 2312 / GBK / GB 18030; the list is cached in the
// user's data folder and read again only when a font folder's modification time changes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir, platform } from 'node:os';
import { dirname, extname, join } from 'node:path';
import * as fontkit from 'fontkit';
import type { Font } from 'fontkit';
import { writeFileAtomic } from '../atomic-write';
import type { RegistryFace } from './registry';

export interface Coverage {
  /** Characters of each set the face has, and how many the set holds. */
  gb2312: [number, number];
  gbk: [number, number];
  gb18030: [number, number];
}

export interface InstalledFace {
  /** Stable id: "sys-" + the PostScript name, lower case. */
  id: string;
  file: string;
  /** Index in a collection (.ttc/.otc), 0 for single faces. */
  index: number;
  postscriptName: string;
  family: string;
  /** Chinese family name when the name table has one. */
  familyZh: string | null;
  style: string;
  format: 'TrueType' | 'CFF';
  collection: boolean;
  /** OS/2 fsType; bit 0x0002 = restricted licence (no embedding), 0x0200 = bitmap only. */
  fsType: number;
  embeddable: boolean;
  coverage: Coverage;
}

const CACHE_FORMAT = 'banmian-installed-fonts/1';

let sets: { gb2312: number[]; gbk: number[]; gb18030: number[] } | null = null;

/**
 * The character sets by their GB codes, decoded with the platform's GB 18030 decoder. GB 18030
 * here is what its implementation level 1 asks of a face beyond GBK: CJK Extension A.
 */
export function gbSets(): { gb2312: number[]; gbk: number[]; gb18030: number[] } {
  if (sets) return sets;
  const dec = new TextDecoder('gb18030');
  const decode = (hi: number, lo: number): number | null => {
    const s = dec.decode(new Uint8Array([hi, lo]));
    const cp = s.codePointAt(0)!;
    return s.length === 1 && cp !== 0xfffd && cp > 0x7f ? cp : null;
  };
  const gb2312: number[] = [];
  for (let hi = 0xa1; hi <= 0xf7; hi++) for (let lo = 0xa1; lo <= 0xfe; lo++) {
    const cp = decode(hi, lo);
    // Rows 0xAA–0xAF and 0xF8+ are unassigned in GB 2312; GB 18030 maps them to private use.
    if (cp !== null && !(cp >= 0xe000 && cp <= 0xf8ff)) gb2312.push(cp);
  }
  const gbk = new Set<number>();
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) {
    if (lo === 0x7f) continue;
    const cp = decode(hi, lo);
    if (cp !== null && !(cp >= 0xe000 && cp <= 0xf8ff)) gbk.add(cp);
  }
  const gb18030 = new Set(gbk);
  for (let cp = 0x3400; cp <= 0x4db5; cp++) gb18030.add(cp);
  sets = { gb2312, gbk: [...gbk], gb18030: [...gb18030] };
  return sets;
}

function coverageOf(font: Font): Coverage {
  const s = gbSets();
  const count = (cps: number[]) => cps.reduce((n, cp) => n + (font.hasGlyphForCodePoint(cp) ? 1 : 0), 0);
  return { gb2312: [count(s.gb2312), s.gb2312.length], gbk: [count(s.gbk), s.gbk.length], gb18030: [count(s.gb18030), s.gb18030.length] };
}

/** Name table records: fontkit keys localised names by language tag. */
function names(font: Font): { family: string; familyZh: string | null; style: string } {
  const rec = (font as unknown as { name?: { records?: Record<string, Record<string, string>> } }).name?.records ?? {};
  const pick = (key: string): Record<string, string> => rec[key] ?? {};
  const fam = { ...pick('fontFamily'), ...pick('preferredFamily') };
  const sub = { ...pick('fontSubfamily'), ...pick('preferredSubfamily') };
  const zh = Object.keys(fam).find((l) => /^zh/i.test(l));
  const family = fam.en ?? font.familyName;
  return { family, familyZh: zh && fam[zh] !== family ? fam[zh] : null, style: sub.en ?? font.subfamilyName };
}

function describe(file: string, index: number, font: Font, collection: boolean): InstalledFace {
  const os2 = (font as unknown as { 'OS/2'?: { fsType?: Record<string, boolean> } })['OS/2'];
  // fontkit decodes fsType as flags; the raw number is rebuilt from the bits that matter here.
  const t = os2?.fsType ?? {};
  const fsType = (t.noEmbedding ? 0x2 : 0) | (t.viewOnly ? 0x4 : 0) | (t.editable ? 0x8 : 0) | (t.noSubsetting ? 0x100 : 0) | (t.bitmapOnly ? 0x200 : 0);
  const tables = (font as unknown as { directory: { tables: Record<string, unknown> } }).directory.tables;
  const ps = font.postscriptName || `${file}#${index}`;
  return {
    id: `sys-${ps.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`,
    file, index, postscriptName: ps, ...names(font),
    format: tables['CFF '] || tables.CFF2 ? 'CFF' : 'TrueType',
    collection,
    fsType,
    embeddable: !(fsType & 0x2) && !(fsType & 0x200),
    coverage: coverageOf(font),
  };
}

/** Every face in a font file (one, or each of a collection); a file that is not a font gives none. */
export function readFaces(file: string): InstalledFace[] {
  let opened: unknown;
  try {
    opened = fontkit.create(readFileSync(file));
  } catch {
    return [];
  }
  const coll = opened as { fonts?: Font[] };
  if (Array.isArray(coll.fonts)) return coll.fonts.map((f, i) => describe(file, i, f, true));
  return [describe(file, 0, opened as Font, false)];
}

const FONT_EXT = new Set(['.ttf', '.otf', '.ttc', '.otc']);

/** The platform's font folders, then the user's own. */
export function fontFolders(extra: string[] = []): string[] {
  const home = homedir();
  const env = process.env;
  let base: string[];
  if (platform() === 'win32') base = [join(env.WINDIR ?? 'C:\\Windows', 'Fonts'), join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Microsoft', 'Windows', 'Fonts')];
  else if (platform() === 'darwin') base = ['/System/Library/Fonts', '/Library/Fonts', join(home, 'Library', 'Fonts')];
  else base = ['/usr/share/fonts', '/usr/local/share/fonts', join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'fonts'), join(home, '.fonts')];
  return [...base, ...extra].filter((d) => existsSync(d));
}

/** Font files under folders (recursively), with the modification time of every folder seen. */
function walk(dirs: string[]): { files: string[]; stamps: Record<string, number> } {
  const files: string[] = [];
  const stamps: Record<string, number> = {};
  const visit = (d: string, depth: number) => {
    if (depth > 8 || d in stamps) return;
    try { stamps[d] = statSync(d).mtimeMs; } catch { return; }
    let entries;
    try { entries = readdirSync(d, { withFileTypes: true }); } catch { return; }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) visit(p, depth + 1);
      else if (FONT_EXT.has(extname(e.name).toLowerCase())) files.push(p);
    }
  };
  for (const d of dirs) visit(d, 0);
  return { files: files.sort(), stamps };
}

/** Font files fontconfig knows (Linux); null when fc-list is not there. */
function fontconfigFiles(): string[] | null {
  if (platform() === 'win32' || platform() === 'darwin') return null;
  try {
    const out = execFileSync('fc-list', ['--format', '%{file}\\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 });
    return [...new Set(out.split('\n').filter((f) => FONT_EXT.has(extname(f).toLowerCase())))].sort();
  } catch {
    return null;
  }
}

/**
 * Installed faces that may have this character, regular styles first, then by file and index, so
 * every process picks the same one. With fontconfig (Linux) exactly those that have it
 * (`fc-list :charset=…`); without it (Windows, macOS, or `fontconfig: false`) every installed Chinese
 * face from the folder scan (`installedFaces`), for the caller to ask each face's cmap in turn.
 */
export function facesCovering(cp: number, opts: { fontconfig?: boolean; cacheDir?: string; extraFolders?: string[] } = {}): { file: string; index: number }[] {
  const viaFontconfig = opts.fontconfig ?? (platform() !== 'win32' && platform() !== 'darwin');
  const rows = viaFontconfig ? fontconfigCovering(cp) : null;
  if (rows) return rows;
  const chinese = installedFaces(opts).filter((f) => f.coverage.gb2312[0] > 0)
    .map((f) => ({ file: f.file, index: f.index, regular: /\b(regular|book|normal)\b/i.test(f.style) }));
  chinese.sort((a, b) => Number(b.regular) - Number(a.regular) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index));
  return chinese.map(({ file, index }) => ({ file, index }));
}

function fontconfigCovering(cp: number): { file: string; index: number }[] | null {
  try {
    const out = execFileSync('fc-list', ['--format', '%{file}\t%{index}\t%{style}\n', `:charset=${cp.toString(16)}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 });
    const rows = out.split('\n').map((l) => l.split('\t')).filter((r) => r.length === 3 && FONT_EXT.has(extname(r[0]).toLowerCase()))
      .map(([file, index, style]) => ({ file, index: Number(index) || 0, regular: /\b(regular|book|normal)\b/i.test(style) }));
    rows.sort((a, b) => Number(b.regular) - Number(a.regular) || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.index - b.index));
    return rows.map(({ file, index }) => ({ file, index }));
  } catch {
    return null;
  }
}

interface CacheFile { format: string; stamps: Record<string, number>; files: Record<string, { size: number; mtimeMs: number; faces: InstalledFace[] }> }

/**
 * The installed faces, from the cache in `cacheDir` while no font folder (nor any folder in
 * `extraFolders`) changed, else read again (only the files that changed are opened).
 */
let memo: { key: string; faces: InstalledFace[] } | null = null;

export function installedFaces(opts: { cacheDir?: string; extraFolders?: string[] } = {}): InstalledFace[] {
  const folders = fontFolders(opts.extraFolders);
  const cachePath = opts.cacheDir ? join(opts.cacheDir, 'installed-fonts.json') : null;
  let cache: CacheFile | null = null;
  if (cachePath) {
    try {
      const c = JSON.parse(readFileSync(cachePath, 'utf8')) as CacheFile;
      if (c.format === CACHE_FORMAT) cache = c;
    } catch { /* none yet */ }
  }
  const { files: walked, stamps } = walk(folders);
  // Within a process the folders' stamps decide too: a role mapping asks for faces by name often.
  const key = JSON.stringify(stamps);
  if (memo?.key === key) return memo.faces;
  if (cache && JSON.stringify(cache.stamps) === JSON.stringify(stamps)) return (memo = { key, faces: Object.values(cache.files).flatMap((f) => f.faces) }).faces;
  const fc = fontconfigFiles();
  const files = [...new Set([...(fc ?? []), ...walked])].sort();
  const out: CacheFile = { format: CACHE_FORMAT, stamps, files: {} };
  for (const file of files) {
    let st;
    try { st = statSync(file); } catch { continue; }
    const old = cache?.files[file];
    out.files[file] = old && old.size === st.size && old.mtimeMs === st.mtimeMs ? old : { size: st.size, mtimeMs: st.mtimeMs, faces: readFaces(file) };
  }
  if (cachePath) {
    try {
      mkdirSync(dirname(cachePath), { recursive: true });
      writeFileAtomic(cachePath, JSON.stringify(out));
    } catch { /* an unwritable cache only costs the next run a scan */ }
  }
  return (memo = { key, faces: Object.values(out.files).flatMap((f) => f.faces) }).faces;
}

/** A registry entry for an installed face, so the font set can open it like any other. */
export function registryEntry(f: InstalledFace): RegistryFace {
  return {
    id: f.id,
    name: `${f.familyZh ? `${f.familyZh} ` : ''}${f.family} ${f.style}`,
    roles: [],
    path: f.file,
    ...(f.collection ? { postscriptName: f.postscriptName } : {}),
    optional: true,
    licence: 'installed',
    licenceFile: '',
    fallback: [],
  };
}
