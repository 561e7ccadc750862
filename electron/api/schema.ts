// A small runtime schema language for the one typed API. Both ends of every transport (IPC and the
// loopback host) parse what they receive with the same schemas, so a malformed message is refused
// with a path to the bad field instead of reaching a handler or the UI. Pure: no Node, no DOM.

export class SchemaError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly got: unknown,
    detail?: string,
  ) {
    super(
      detail
        ? `${path || 'value'}: ${detail}`
        : `${path || 'value'}: expected ${expected}, got ${describeValue(got)}`,
    );
    this.name = 'SchemaError';
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (v instanceof Uint8Array) return `${v.byteLength} bytes`;
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

export interface Schema<T> {
  readonly expected: string;
  /** Returns the value (objects are copied without unknown keys) or throws SchemaError. */
  parse(value: unknown, path?: string): T;
  readonly optional?: boolean;
  readonly binary?: boolean;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

const make = <T>(
  expected: string,
  parse: (v: unknown, path: string) => T,
  extra: Partial<Schema<T>> = {},
): Schema<T> => ({
  expected,
  parse: (v, path = '') => parse(v, path),
  ...extra,
});

export const str = (opts: { min?: number; max?: number; pattern?: RegExp } = {}): Schema<string> =>
  make(opts.pattern ? `a string matching ${opts.pattern}` : 'a string', (v, p) => {
    if (typeof v !== 'string') throw new SchemaError(p, 'a string', v);
    if (opts.min !== undefined && v.length < opts.min)
      throw new SchemaError(p, `at least ${opts.min} characters`, v);
    if (opts.max !== undefined && v.length > opts.max)
      throw new SchemaError(p, `at most ${opts.max} characters`, v);
    if (opts.pattern && !opts.pattern.test(v))
      throw new SchemaError(p, `a string matching ${opts.pattern}`, v);
    return v;
  });

export const num = (opts: { min?: number; max?: number; int?: boolean } = {}): Schema<number> => {
  const what = `${opts.int ? 'an integer' : 'a number'}${opts.min !== undefined ? ` ≥ ${opts.min}` : ''}${opts.max !== undefined ? ` ≤ ${opts.max}` : ''}`;
  return make(what, (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new SchemaError(p, what, v);
    if (opts.int && !Number.isInteger(v)) throw new SchemaError(p, what, v);
    if (opts.min !== undefined && v < opts.min) throw new SchemaError(p, what, v);
    if (opts.max !== undefined && v > opts.max) throw new SchemaError(p, what, v);
    return v;
  });
};

export const int = (opts: { min?: number; max?: number } = {}): Schema<number> => num({ ...opts, int: true });

export const bool = (): Schema<boolean> =>
  make('a boolean', (v, p) => {
    if (typeof v !== 'boolean') throw new SchemaError(p, 'a boolean', v);
    return v;
  });

export const lit = <const L extends readonly (string | number | boolean)[]>(
  ...values: L
): Schema<L[number]> => {
  const what = `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
  return make(what, (v, p) => {
    if (!values.includes(v as L[number])) throw new SchemaError(p, what, v);
    return v as L[number];
  });
};

/** Binary data: a Uint8Array on both transports (IPC clones it; the loopback host sends raw bytes). */
export const bytes = (): Schema<Uint8Array> =>
  make(
    'bytes',
    (v, p) => {
      if (v instanceof Uint8Array) return v;
      if (v instanceof ArrayBuffer) return new Uint8Array(v);
      throw new SchemaError(p, 'bytes', v);
    },
    { binary: true },
  );

export const arr = <T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> =>
  make(`an array of ${item.expected}`, (v, p) => {
    if (!Array.isArray(v)) throw new SchemaError(p, `an array`, v);
    if (opts.max !== undefined && v.length > opts.max)
      throw new SchemaError(p, `at most ${opts.max} items`, v);
    return v.map((x, i) => item.parse(x, `${p}[${i}]`));
  });

export const opt = <T>(s: Schema<T>): Schema<T | undefined> => ({
  expected: `${s.expected} or nothing`,
  parse: (v, path = '') => (v === undefined ? undefined : s.parse(v, path)),
  optional: true,
});

export const nullable = <T>(s: Schema<T>): Schema<T | null> =>
  make(`${s.expected} or null`, (v, p) => (v === null ? null : s.parse(v, p)));

type Shape = Record<string, Schema<unknown>>;
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type RequiredKeys<S extends Shape> = Exclude<keyof S, OptionalKeys<S>>;
export type ObjOf<S extends Shape> = { [K in RequiredKeys<S>]: Infer<S[K]> } & {
  [K in OptionalKeys<S>]?: Infer<S[K]>;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

export const obj = <S extends Shape>(shape: S): Schema<{ [K in keyof ObjOf<S>]: ObjOf<S>[K] }> =>
  make('an object', (v, p) => {
    if (!isPlainObject(v)) throw new SchemaError(p, 'an object', v);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      const s = shape[key];
      const has = Object.prototype.hasOwnProperty.call(v, key) && v[key] !== undefined;
      if (!has) {
        if (s.optional) continue;
        throw new SchemaError(p ? `${p}.${key}` : key, s.expected, undefined);
      }
      out[key] = s.parse(v[key], p ? `${p}.${key}` : key);
    }
    return out as never;
  });

export const record = <T>(value: Schema<T>): Schema<Record<string, T>> =>
  make(`a map of ${value.expected}`, (v, p) => {
    if (!isPlainObject(v)) throw new SchemaError(p, 'an object', v);
    const out: Record<string, T> = {};
    for (const [k, x] of Object.entries(v)) out[k] = value.parse(x, `${p}[${JSON.stringify(k)}]`);
    return out;
  });

/** One of several object shapes told apart by a literal field. */
export const union = <const K extends string, V extends Record<string, Schema<object>>>(
  key: K,
  variants: V,
): Schema<Infer<V[keyof V]>> =>
  make(`an object with ${key} one of ${Object.keys(variants).join(', ')}`, (v, p) => {
    if (!isPlainObject(v)) throw new SchemaError(p, 'an object', v);
    const tag = v[key];
    const s = typeof tag === 'string' ? variants[tag] : undefined;
    if (!s) throw new SchemaError(p ? `${p}.${key}` : key, `one of ${Object.keys(variants).join(', ')}`, tag);
    return { ...(s.parse(v, p) as object), [key]: tag } as Infer<V[keyof V]>;
  });

/** Any JSON value, checked only for JSON-ness and size; used where the receiving module validates more closely. */
export const json = (what = 'JSON data'): Schema<unknown> =>
  make(what, (v, p) => {
    const check = (x: unknown, depth: number, at: string): void => {
      if (depth > 64) throw new SchemaError(at, 'JSON nested at most 64 deep', x);
      if (x === null || typeof x === 'string' || typeof x === 'boolean') return;
      if (typeof x === 'number') {
        if (!Number.isFinite(x)) throw new SchemaError(at, 'a finite number', x);
        return;
      }
      if (Array.isArray(x)) {
        x.forEach((y, i) => check(y, depth + 1, `${at}[${i}]`));
        return;
      }
      if (isPlainObject(x)) {
        for (const [k, y] of Object.entries(x)) check(y, depth + 1, `${at}.${k}`);
        return;
      }
      throw new SchemaError(at, what, x);
    };
    check(v, 0, p);
    return v;
  });

/** Narrows a JSON schema to a known TypeScript type after an extra check of its own. */
export const refine = <T, U extends T>(
  s: Schema<T>,
  expected: string,
  test: (v: T) => string | null,
): Schema<U> =>
  make(expected, (v, p) => {
    const x = s.parse(v, p);
    const problem = test(x);
    if (problem) throw new SchemaError(p, `${expected} (${problem})`, v);
    return x as U;
  });
