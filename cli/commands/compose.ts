// banmian compose: sets text read on stdin with the line composer, for inspection and tests.
// One paragraph per input line; prints each composed line as it sets (the characters only),
// a blank line between paragraphs; --json shows widths, adjustments and how each break was chosen.
import type { CliIO } from '../io';
import { EXIT, UsageError, readAll } from '../io';
import { parseArgs } from '../options';
import {
  BREAKING_MODES,
  composeParagraph,
  HOUSE_STYLE_NAMES,
  HOUSE_STYLES,
  PUNCTUATION_STYLES,
  STRICTNESS_LEVELS,
  type BreakingMode,
  type ComposeOptions,
  type PunctuationStyle,
  type Strictness,
} from '../../engine/compose';
import { parseSize, mmToPt } from '../../engine/units';
import { loadFontSet } from '../../electron/services/fonts';
import { SUMMARIES } from '../summaries';

export const summary = SUMMARIES.compose;

const HELP = `usage: banmian compose [options] < text.txt

Reads UTF-8 text, one paragraph per line, and prints the composed lines.

  --measure M      line width: ems of the body size (17) or points (153pt) or mm (54mm); default 17
  --size S         body size: points (9, 9pt) or a size name (小五, 五号 …); default 小五
  --house H        house style: ${HOUSE_STYLE_NAMES.join(' | ')}; default newspaper (keeps a character on
                   its line by squeezing marks, as the printed paper does; even: optimum fit)
  --tracking PCT   tighten or loosen every character by a percentage of its size (-3 or -3%:
                   a paragraph set 3 % tighter to save a line); default 0
  --style S        punctuation style: ${PUNCTUATION_STYLES.join(' | ')}; default newspaper
  --indent N       first-line indent in ems; default 2
  --strictness S   line-edge prohibitions: ${STRICTNESS_LEVELS.join(' | ')}; default basic
  --breaking B     ${BREAKING_MODES.join(' | ')}: choose the paragraph's breaks together (no line
                   letterspaced where better breaks exist) or fill each line in turn; default optimal
  --face ID        face id; default noto-serif-sc-400
  --hanging        let a single 、，。 hang past the measure instead of pushing a character down
  --json           print each line's text, natural and final width, adjustments and break kind
`;

function parseMeasure(v: string, size: number): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(pt|mm|em)?\s*$/.exec(v);
  if (!m)
    throw new UsageError(
      `--measure "${v}" is not a width: give ems of the body size (17), points (153pt) or millimetres (54mm)`,
    );
  const n = Number(m[1]);
  const pt = m[2] === 'pt' ? n : m[2] === 'mm' ? mmToPt(n) : n * size;
  if (!(pt > 0)) throw new UsageError(`--measure must be more than zero, got "${v}"`);
  return pt;
}

export async function run(argv: string[], io: CliIO): Promise<number> {
  const { opts, positional } = parseArgs(argv, {
    values: ['measure', 'size', 'style', 'indent', 'strictness', 'breaking', 'face', 'house', 'tracking'],
    flags: ['json', 'hanging', 'help'],
  });
  if (opts.help) {
    io.stdout.write(HELP);
    return EXIT.ok;
  }
  if (positional.length)
    throw new UsageError(`unexpected argument "${positional[0]}": compose reads its text on stdin`);

  let size: number;
  try {
    size = parseSize(typeof opts.size === 'string' ? opts.size : '小五');
  } catch (e) {
    throw new UsageError(`--size: ${(e as Error).message}`);
  }
  const measure = parseMeasure(typeof opts.measure === 'string' ? opts.measure : '17', size);
  const style = (opts.style ?? 'newspaper') as PunctuationStyle;
  if (!PUNCTUATION_STYLES.includes(style))
    throw new UsageError(
      `--style "${opts.style}" is not a punctuation style; use one of ${PUNCTUATION_STYLES.join(', ')}`,
    );
  const strictness = (opts.strictness ?? 'basic') as Strictness;
  if (!STRICTNESS_LEVELS.includes(strictness))
    throw new UsageError(
      `--strictness "${opts.strictness}" is not a level; use one of ${STRICTNESS_LEVELS.join(', ')}`,
    );
  const breaking = (opts.breaking ?? 'optimal') as BreakingMode;
  if (!BREAKING_MODES.includes(breaking))
    throw new UsageError(
      `--breaking "${opts.breaking}" is not a way of breaking; use ${BREAKING_MODES.join(' or ')}`,
    );
  const houseName = (opts.house ?? 'newspaper') as string;
  if (!(HOUSE_STYLE_NAMES as string[]).includes(houseName))
    throw new UsageError(
      `--house "${opts.house}" is not a house style; use one of ${HOUSE_STYLE_NAMES.join(', ')}`,
    );
  const house = HOUSE_STYLES[houseName as keyof typeof HOUSE_STYLES];
  let tracking = 0;
  if (typeof opts.tracking === 'string') {
    const t = /^\s*([+-−]?\d+(?:\.\d+)?)\s*%?\s*$/.exec(opts.tracking);
    if (!t || Math.abs(Number(t[1].replace('−', '-'))) > 50)
      throw new UsageError(`--tracking "${opts.tracking}" is not a percentage between -50 and 50 (e.g. -3)`);
    tracking = Number(t[1].replace('−', '-')) / 100;
  }
  let indent = 2;
  if (typeof opts.indent === 'string') {
    if (!/^\s*\d+(\.\d+)?\s*$/.test(opts.indent))
      throw new UsageError(`--indent "${opts.indent}" is not a number of ems (e.g. 2 or 0)`);
    indent = Number(opts.indent);
  }
  const fonts = loadFontSet();
  const face = typeof opts.face === 'string' ? opts.face : 'noto-serif-sc-400';
  try {
    fonts.face(face);
  } catch (e) {
    throw new UsageError(`--face: ${(e as Error).message}`);
  }

  const bytes = await readAll(io.stdin);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    throw new UsageError(
      `input is not UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}); convert it first, e.g. iconv -f GB18030 -t UTF-8`,
      EXIT.badInput,
    );
  }
  const input = new TextDecoder('utf-8').decode(bytes); // drops a BOM

  const options: ComposeOptions = {
    em: size,
    measure,
    indent,
    style,
    strictness,
    breaking,
    hanging: opts.hanging === true,
    house,
    tracking,
  };
  const paragraphs = input.split(/\r?\n/).filter((l) => l.trim().length > 0);
  const out: string[] = [];
  const json: unknown[] = [];
  let missingCount = 0;
  paragraphs.forEach((text, pi) => {
    const composed = composeParagraph(
      [{ text, face, size, src: { article: 'stdin', block: pi, offset: 0 } }],
      options,
      fonts,
    );
    for (const m of composed.missing) {
      missingCount++;
      io.stderr.write(
        `banmian compose: no face has U+${m.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')} "${m.char}" (paragraph ${pi + 1}, offset ${m.index})\n`,
      );
    }
    if (opts.json) {
      json.push({
        lines: composed.lines.map((l) => ({
          text: l.text,
          naturalWidth: round(l.naturalWidth),
          width: round(l.width),
          measure: round(l.measure),
          indent: round(l.indent),
          break: l.breakKind,
          adjustments: Object.fromEntries(Object.entries(l.adjustments).map(([k, v]) => [k, round(v)])),
        })),
        missing: composed.missing.map((m) => ({ char: m.char, offset: m.index })),
      });
    } else {
      if (pi > 0) out.push('');
      for (const l of composed.lines) out.push(l.text);
    }
  });
  if (opts.json)
    io.stdout.write(
      JSON.stringify(
        {
          size,
          measure: round(measure),
          house: house.name,
          tracking,
          style,
          strictness,
          breaking,
          indent,
          face,
          paragraphs: json,
        },
        null,
        2,
      ) + '\n',
    );
  else io.stdout.write(out.length ? out.join('\n') + '\n' : '');
  return missingCount ? EXIT.findings : EXIT.ok;
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}

/** Offset of the first byte that breaks UTF-8 (including overlong forms and surrogates), or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length;) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (need < 0 || i + need >= b.length) return i;
    for (let j = 1; j <= need; j++) if ((b[i + j] & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1];
    if (
      (c === 0xe0 && c1 < 0xa0) ||
      (c === 0xed && c1 > 0x9f) ||
      (c === 0xf0 && c1 < 0x90) ||
      (c === 0xf4 && c1 > 0x8f)
    )
      return i;
    i += need + 1;
  }
  return -1;
}
