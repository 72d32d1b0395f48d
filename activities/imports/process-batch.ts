/**
 * One batch of an import: the rows of a range, each read, claimed for its member (the first line
 * naming a member counts; a later one is a duplicate) and carried to the member's journey. Rows are
 * independent: a refused row is recorded with its line and reason and the rest go on. Outcomes are
 * written per row, so a batch repeated after a worker restart does only the rows still pending, and
 * the batch answers the final counts of its whole range.
 */
import { Context } from '@temporalio/activity';
import { setMaxListeners } from 'node:events';
import { ApplicationFailure } from '@temporalio/common';
import { localDateOf } from '../../src/core/calendar';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { resolveMifMapping } from '../../src/core/mif/mif-columns';
import { readMifRow } from '../../src/core/mif/mif-row';
import { deriveMemberId } from '../../src/infra/identity';
import { claimMembers, finishedLines, importOnRecord, rangeCounters, recordRowOutcome } from '../../src/infra/care-record/imports';
import type { ImportBatchResult } from '../../src/contracts/mif-import';
import { RuleRefusal } from './journey-door';
import { importMifRow } from './mif-row-import';
import { readMemberLine, importMemberRow } from './member-row-import';
import { parsedFile } from './parsed-files';
import type { ImportDependencies, ImportScope, RowResult } from './import-context';

/** A row read: its member and the work that carries it to the journey, or its refusal. */
type ReadRow = { readonly line: number; readonly ok: true; readonly memberId: string; readonly providerId?: string; readonly work: () => Promise<RowResult> } | { readonly line: number; readonly ok: false; readonly reason: string };

/** The activity's context when run by a worker (heartbeats, cancellation at shutdown); none when called directly. */
function activityContext(): Context | undefined {
  try {
    return Context.current();
  } catch {
    return undefined;
  }
}

export async function processImportBatch(deps: ImportDependencies, { importId, offset, limit }: { readonly importId: string; readonly offset: number; readonly limit: number }): Promise<ImportBatchResult> {
  const record = await importOnRecord(deps.pool, importId);
  if (!record) throw ApplicationFailure.nonRetryable('the import is not on record', 'ImportNotFound');
  const scope: ImportScope = { deps, importId, plan: record.plan, actor: `import:${importId}` };
  const parsed = await parsedFile(deps.pool, record);
  const policy = resolvePlanPolicy(deps.plans, record.plan);
  const today = localDateOf(Date.now(), policy.calendar.timeZone);

  let rows: ReadRow[];
  if (parsed.kind === 'mif') {
    const mapping = resolveMifMapping(deps.plans[record.plan]?.mif);
    rows = parsed.file.rows.slice(offset, offset + limit).map((r): ReadRow => {
      const reading = readMifRow(parsed.file.header, r.values, mapping, today);
      if (!reading.ok) return { line: r.line, ok: false, reason: reading.reason };
      const memberId = deriveMemberId(deps.memberIdKey, record.plan, reading.row.cin);
      return { line: r.line, ok: true, memberId, providerId: reading.row.providerId, work: () => importMifRow(scope, r.line, reading.row) };
    });
  } else {
    rows = parsed.file.rows.slice(offset, offset + limit).map((r): ReadRow => {
      const reading = readMemberLine(r.text, today);
      if (!reading.ok) return { line: r.line, ok: false, reason: reading.reason };
      const memberId = deriveMemberId(deps.memberIdKey, record.plan, reading.member.referral.member.cin);
      return { line: r.line, ok: true, memberId, work: () => importMemberRow(scope, r.line, reading.member) };
    });
  }
  if (rows.length === 0) return { counters: { created: 0, reconciled: 0, unchanged: 0, rejected: 0 } };
  const first = rows[0]!.line;
  const last = rows.at(-1)!.line;

  const done = await finishedLines(deps.pool, importId, first, last);
  const todo = rows.filter((r) => !done.has(r.line));
  for (const r of todo) if (!r.ok) await recordRowOutcome(deps.pool, importId, r.line, 'rejected', r.reason);
  const readable = todo.filter((r): r is Extract<ReadRow, { ok: true }> => r.ok);
  const duplicates = await claimMembers(deps.pool, importId, readable.map((r) => ({ line: r.line, memberId: r.memberId, ...(r.providerId ? { providerId: r.providerId } : {}) })));
  for (const [line, firstLine] of duplicates) {
    const r = readable.find((x) => x.line === line)!;
    await recordRowOutcome(deps.pool, importId, line, 'rejected', `duplicate: the member is already on line ${firstLine}`, { memberId: r.memberId });
  }

  const context = activityContext();
  // Each Temporal call of each row in flight listens for the cancellation.
  if (context) setMaxListeners((deps.concurrency ?? 8) * 16, context.cancellationSignal);
  const queue = readable.filter((r) => !duplicates.has(r.line));
  const runOne = async (): Promise<void> => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      // At worker shutdown the batch stops between rows; its retry (on any worker) does the rest.
      if (context?.cancellationSignal.aborted) throw new Error('the batch was cancelled; its pending rows are retried');
      let result: RowResult;
      try {
        // The row's Temporal calls end with the activity: a worker shutting down is not held up by an Update in flight.
        result = context ? await deps.door.client.withAbortSignal(context.cancellationSignal, r.work) : await r.work();
      } catch (err) {
        if (!(err instanceof RuleRefusal)) throw err;
        result = { outcome: 'rejected', reason: `${err.code}: ${err.message}` };
      }
      await recordRowOutcome(deps.pool, importId, r.line, result.outcome, result.outcome === 'rejected' ? result.reason : undefined, { memberId: r.memberId, ...(r.providerId ? { providerId: r.providerId } : {}) });
      context?.heartbeat();
    }
  };
  await Promise.all(Array.from({ length: deps.concurrency ?? 8 }, runOne));
  return { counters: await rangeCounters(deps.pool, importId, first, last) };
}
