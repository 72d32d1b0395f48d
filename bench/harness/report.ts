/** The benchmark's output: one table row per figure (ours, raw, ratio) and one machine-readable line. */

/** One figure: what was measured for our system and for raw Temporal, in the same run. */
export interface Figure {
  readonly name: string;
  readonly unit: string;
  readonly ours: number;
  readonly raw: number;
  /** ours / raw, or as `ratioNote` says (for a throughput, higher is better). */
  readonly ratio: number;
  readonly goal?: string;
  readonly note?: string;
}

/** Builds a figure whose ratio is ours / raw. */
export function figure(name: string, unit: string, ours: number, raw: number, extra: { goal?: string; note?: string } = {}): Figure {
  return { name, unit, ours, raw, ratio: ours / raw, ...extra };
}

const num = (n: number): string => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : 'n/a');

/** Prints the table, then `BENCH_JSON {...}` for tools. */
export function printReport(figures: readonly Figure[], run: Readonly<Record<string, unknown>>): void {
  const rows = [['figure', 'unit', 'ours', 'raw', 'ratio', 'goal'], ...figures.map((f) => [f.name, f.unit, num(f.ours), num(f.raw), `${num(f.ratio)}x`, f.goal ?? ''])];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => `| ${r.map((cell, c) => (c >= 2 && c <= 4 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows.slice(1)) console.log(line(r));
  for (const f of figures) if (f.note) console.log(`  ${f.name}: ${f.note}`);
  console.log(`BENCH_JSON ${JSON.stringify({ ...run, figures })}`);
}
