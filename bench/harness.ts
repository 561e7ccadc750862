export interface Bench {
  name: string;
  /** Human-readable target, e.g. "≤ 3 ms". */
  target?: string;
  unit?: 'ms' | 'KB' | 'MB' | 's' | '%';
  /** Prepare once (load fonts, build input); returns the measured function. */
  setup(): Promise<() => unknown | Promise<unknown>> | (() => unknown | Promise<unknown>);
  warmup?: number;
  runs?: number;
  /** For size-like measurements: return the value instead of timing. */
  measure?: 'time' | 'value';
}

export interface BenchResult {
  name: string;
  median: number;
  p90: number;
  runs: number;
  unit: string;
  target?: string;
}

function quantile(sorted: number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

export async function runBench(b: Bench): Promise<BenchResult> {
  const fn = await b.setup();
  const runs = b.runs ?? 30;
  const samples: number[] = [];
  if (b.measure === 'value') {
    for (let i = 0; i < runs; i++) samples.push(Number(await fn()));
  } else {
    for (let i = 0; i < (b.warmup ?? 5); i++) await fn();
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await fn();
      samples.push(performance.now() - t0);
    }
  }
  samples.sort((a, z) => a - z);
  return {
    name: b.name,
    median: quantile(samples, 0.5),
    p90: quantile(samples, 0.9),
    runs,
    unit: b.unit ?? 'ms',
    target: b.target,
  };
}
