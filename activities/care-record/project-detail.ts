/**
 * Typed reads of a journey event's `detail` (the action's input as the workflow accepted it).
 * `detail` is untyped JSON on the way through Temporal and may come from a history written under
 * an older input shape, so the projections read it field by field: a field that is missing or of
 * the wrong type reads as `undefined` and the projection skips its row rather than failing the
 * event's transaction (journey_events keeps the whole detail either way, and a failed activity
 * would stall the journey's retries). Nothing here logs: detail is PHI.
 */
import type { JourneyEventRecord } from './types';

type Detail = JourneyEventRecord['detail'];

/** A string field, or undefined. */
export function stringField(detail: Detail, key: string): string | undefined {
  const value = detail[key];
  return typeof value === 'string' ? value : undefined;
}

/** A finite number field, or undefined. */
export function numberField(detail: Detail, key: string): number | undefined {
  const value = detail[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A field holding an array of strings, or undefined when it is absent or holds anything else. */
export function stringArrayField(detail: Detail, key: string): string[] | undefined {
  const value = detail[key];
  if (!Array.isArray(value)) return undefined;
  const strings = value.filter((v): v is string => typeof v === 'string');
  return strings.length === value.length ? strings : undefined;
}

/** A field holding an array of objects, or undefined; each object is read with the functions above. */
export function objectArrayField(detail: Detail, key: string): Detail[] | undefined {
  const value = detail[key];
  if (!Array.isArray(value)) return undefined;
  const objects = value.filter((v): v is Detail => typeof v === 'object' && v !== null && !Array.isArray(v));
  return objects.length === value.length ? objects : undefined;
}

/** The instant the act happened: the input's own field, else the event's instant (the same one, in plan time). */
export function actedAt(event: JourneyEventRecord, key = 'at'): string {
  return stringField(event.detail, key) ?? event.occurredAt;
}
