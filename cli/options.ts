// The commands' option parser: node:util's parseArgs, with two rules of our own. A number that
// starts with a minus is a value (`--tracking -3`), not an option; and an option that takes one
// value given twice is an error (the old value is never silently replaced).
import { parseArgs as parseNodeArgs } from 'node:util';
import { UsageError } from './io';

export interface OptionSpec<V extends string, F extends string> {
  /** Options that take a value: `--name value` or `--name=value`. */
  values: readonly V[];
  /** Options that take none. `help` is also `-h`. */
  flags: readonly F[];
  /** One-letter forms: `{ o: 'output' }` makes `-o FILE` mean `--output FILE`. */
  short?: Readonly<Record<string, V | F>>;
}

export type Options<V extends string, F extends string> = Partial<Record<V, string> & Record<F, boolean>>;

const NUMBER = /^[-−]\.?\d/;

/** `--name value`, `--name=value`, `-o value`, boolean `--flag`, positionals (all after `--` too). */
export function parseArgs<const V extends string, const F extends string>(
  argv: string[],
  spec: OptionSpec<V, F>,
): { opts: Options<V, F>; positional: string[] } {
  const shortOf = new Map<string, string>(Object.entries(spec.short ?? {}).map(([s, long]) => [long, s]));
  if ((spec.flags as readonly string[]).includes('help') && !shortOf.has('help')) shortOf.set('help', 'h');
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [names, type] of [
    [spec.values, 'string'],
    [spec.flags, 'boolean'],
  ] as const)
    for (const name of names) {
      const short = shortOf.get(name);
      options[name] = short ? { type, short } : { type };
    }
  const takesValue = new Set<string>();
  for (const name of spec.values) {
    takesValue.add(`--${name}`);
    const s = shortOf.get(name);
    if (s) takesValue.add(`-${s}`);
  }
  // util.parseArgs reads `--tracking -3` as a missing value followed by an option: join the two.
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i));
      break;
    }
    if (takesValue.has(a) && i + 1 < argv.length && NUMBER.test(argv[i + 1])) args.push(`${a}=${argv[++i]}`);
    else args.push(a);
  }
  let parsed;
  try {
    parsed = parseNodeArgs({ args, options, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    throw new UsageError(optionProblem(e as NodeJS.ErrnoException), 2);
  }
  const seen = new Map<string, string>();
  for (const t of parsed.tokens) {
    if (t.kind !== 'option' || t.value === undefined) continue;
    const before = seen.get(t.name);
    if (before !== undefined)
      throw new UsageError(
        `option --${t.name} given twice ("${before}", then "${t.value}"); give it once / 选项 --${t.name} 只能给一次`,
      );
    seen.set(t.name, t.value);
  }
  // Short forms are stored under their long names by util.parseArgs; take out its null prototype.
  return { opts: { ...parsed.values } as Options<V, F>, positional: parsed.positionals };
}

function optionProblem(e: NodeJS.ErrnoException): string {
  const name = /--([\w-]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${/'([^']+)'/.exec(e.message)?.[1] ?? ''}`.trim();
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(e.message)) return `option --${name} takes no value`;
      if (/ambiguous/.test(e.message))
        return `option --${name} needs a value (one that starts with "-" is written --${name}=-…)`;
      return `option --${name} needs a value`;
    default:
      return e.message;
  }
}
