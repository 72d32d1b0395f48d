/** What every figure runs against: the system, both sides, the settings, and a member counter. */
import type { BenchOptions } from './options';
import type { OurSide } from './our-side';
import type { RawSide } from './raw-side';
import type { BenchSystem } from './system';

export interface BenchContext {
  readonly system: BenchSystem;
  readonly ours: OurSide;
  readonly raw: RawSide;
  readonly options: BenchOptions;
  /** A new synthetic member number, unique in the run (both sides draw from it). */
  next(): number;
  /** Resolves once both workers are idle again (see settle.ts). */
  settle(): Promise<unknown>;
  /** Progress on stderr, so stdout stays the report. */
  say(line: string): void;
}
