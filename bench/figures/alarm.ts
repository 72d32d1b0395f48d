/**
 * Alarm lag: N journeys per side whose deadline falls at one instant. Ours: presumptive referrals
 * whose R-LCM-72H (72 h from receipt) is due then, nobody named; raw: workflows sleeping to the
 * instant, then upserting `EcmOverdue` and writing a row. Lag from the due instant to `EcmOverdue`
 * visible (visibility count polled) and to the care-record row (its own write time). The two
 * sides fall due GAP apart, the first one alternating per round, so neither competes with the other.
 */
import type { BenchContext } from '../harness/bench-context';
import { figure, type Figure } from '../harness/report';
import { inParallel, median, p99 } from '../harness/stats';
import { journeyStateQuery, memberJourneyWorkflowId } from '../../src/contracts/member-journey';

const OURS = `WorkflowType = 'memberJourney' AND EcmOverdue = true`;
const RAW = `WorkflowType = 'rawJourney' AND EcmOverdue = true`;

interface Lags {
  visible: number[];
  row: number[];
}

export async function alarmLag(ctx: BenchContext): Promise<Figure[]> {
  const { options, system } = ctx;
  const n = options.alarmN;
  const lags = { ours: { visible: [], row: [] } as Lags, raw: { visible: [], row: [] } as Lags };
  const gapMs = Math.max(10_000, n * 30);
  const rounds = options.quick ? 1 : Math.min(options.rounds, 3);
  for (let round = 0; round < rounds; round++) {
    // Time to create both sides' journeys (ours about 15/s here, raw faster), with a margin.
    const first = Date.now() + 6_000 + n * 200;
    const due = round % 2 === 0 ? { ours: first, raw: first + gapMs } : { raw: first, ours: first + gapMs };
    const members: string[] = [];
    const rawIds: string[] = [];
    await inParallel(Array.from({ length: n }, () => ctx.next()), 8, async (m) => {
      members.push(await ctx.ours.referDueAt(m, due.ours));
      rawIds.push(await ctx.raw.start(m, { alarmAtMs: due.raw }));
    });
    const margin = Math.min(due.ours, due.raw) - Date.now();
    ctx.say(`alarm round ${round + 1}: ${n} journeys per side created, first due in ${margin} ms`);
    if (margin < 0) ctx.say('alarm: creation overran the due instant; raise the margin (figures of this round are not lag)');
    // The instant our journeys hold as due, read back, not assumed.
    const view = await system.client.workflow.getHandle(memberJourneyWorkflowId(members[0]!)).query(journeyStateQuery);
    const ourDue = Date.parse(view.deadlines.find((d) => d.rule === 'R-LCM-72H')?.dueAt ?? '');
    if (ourDue !== due.ours) ctx.say(`alarm: our journeys are due at ${ourDue}, not ${due.ours}; lags are counted from theirs`);
    const base = { ours: await count(ctx, OURS), raw: await count(ctx, RAW) };
    const seen = { ours: [] as number[], raw: [] as number[] };
    const deadline = Math.max(due.ours, due.raw) + 60_000 + n * 20;
    while (Date.now() < deadline && (seen.ours.length < n || seen.raw.length < n)) {
      const [o, r] = await Promise.all([count(ctx, OURS), count(ctx, RAW)]);
      const at = Date.now();
      while (seen.ours.length < Math.min(n, o - base.ours)) seen.ours.push(at - ourDue);
      while (seen.raw.length < Math.min(n, r - base.raw)) seen.raw.push(at - due.raw);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    lags.ours.visible.push(...seen.ours);
    lags.raw.visible.push(...seen.raw);
    const ourRows = await system.carePool.query<{ ms: number }>(
      `SELECT extract(epoch FROM min(recorded_at)) * 1000 AS ms FROM journey_events
        WHERE member_id = ANY($1) AND (event_key LIKE 'breach:%' OR kind = 'deadline-breached') GROUP BY member_id`, [members]);
    const rawRows = await system.rawPool.query<{ ms: number }>(`SELECT extract(epoch FROM written_at) * 1000 AS ms FROM raw_rows WHERE kind = 'alarm' AND workflow_id = ANY($1)`, [rawIds]);
    lags.ours.row.push(...ourRows.rows.map((r) => Number(r.ms) - ourDue));
    lags.raw.row.push(...rawRows.rows.map((r) => Number(r.ms) - due.raw));
    if (seen.ours.length < n || ourRows.rowCount! < n) ctx.say(`alarm: ours ${seen.ours.length}/${n} overdue, ${ourRows.rowCount}/${n} rows within the wait`);
    if (seen.raw.length < n || rawRows.rowCount! < n) ctx.say(`alarm: raw ${seen.raw.length}/${n} overdue, ${rawRows.rowCount}/${n} rows within the wait`);
  }
  const note = `${n} due at one instant per side, ${rounds} round(s); EcmOverdue seen by polling the visibility count every ~50 ms`;
  return [
    figure(`alarm lag p50 to EcmOverdue (${n} due)`, 'ms', median(lags.ours.visible), median(lags.raw.visible)),
    figure(`alarm lag p99 to EcmOverdue (${n} due)`, 'ms', p99(lags.ours.visible), p99(lags.raw.visible), { goal: 'ours <= 1000 ms' }),
    figure(`alarm lag p50 to the care-record row (${n} due)`, 'ms', median(lags.ours.row), median(lags.raw.row)),
    figure(`alarm lag p99 to the care-record row (${n} due)`, 'ms', p99(lags.ours.row), p99(lags.raw.row), { goal: 'ours <= 1000 ms', note }),
  ];
}

async function count(ctx: BenchContext, query: string): Promise<number> {
  return (await ctx.system.client.workflow.count(query)).count;
}
