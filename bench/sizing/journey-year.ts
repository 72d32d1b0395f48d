/**
 * `npm run bench:sizing -- year [--journeys 8]`: drives that many journeys through one year each
 * (bench/sizing/journey-year-plan.ts) on the time-skipping test server, through the real API,
 * worker, activities and PostgreSQL, half of them with one hospital stay (a transitional-care
 * episode). Then prints, per journey-year and per episode: history events and protobuf bytes (all
 * runs), care-record rows and bytes. Figures for docs/sizing.md; nothing here is a test assertion.
 */
import { journeyStateQuery, memberJourneyWorkflowId } from '../../src/contracts/member-journey';
import type { JourneyView } from '../../src/core/domain/journey-state';
import { careRecordSize, growth, type TableSize } from './care-record-size';
import { runsOf, settled, totalOf, type RunSize, type Total } from './history-size';
import { referralOf, YEAR_ENDS, YEAR_STARTS, yearOf, type YearAct } from './journey-year-plan';
import { replayCost } from './replay-cost';
import { startSizingSystem, type SizingSystem } from './system';

interface Member {
  readonly n: number;
  readonly cin: string;
  readonly memberId: string;
  readonly hospitalStay: boolean;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** The journey's state by a Temporal query, not the API: an API read is audited and would add rows the year did not make. */
function viewOf(sys: SizingSystem, memberId: string): Promise<JourneyView> {
  return sys.client.workflow.getHandle(memberJourneyWorkflowId(memberId)).query(journeyStateQuery);
}

/** The member's journey and its open episodes, settled: the time-skipping server leaves an Update landing mid-task unanswered. */
async function settle(sys: SizingSystem, m: Member): Promise<void> {
  await settled(sys.client, memberJourneyWorkflowId(m.memberId));
  if (!m.hospitalStay) return;
  for (const e of (await viewOf(sys, m.memberId)).episodes ?? []) if (e.status === 'open') await settled(sys.client, e.workflowId);
}

async function post(sys: SizingSystem, m: Member, act: YearAct): Promise<void> {
  await settle(sys, m);
  const path = act.global ? act.path : `/v1/members/${m.memberId}${act.path}`;
  for (let attempt = 1; ; attempt++) {
    const res = await sys.request('POST', path, act.body);
    if (res.status === 200 || res.status === 202) {
      const refused = (res.body as { results?: { status: string }[] } | undefined)?.results?.find((r) => r.status !== 'accepted');
      if (refused) throw new Error(`${act.what}: ${JSON.stringify(res.body)}`);
      return;
    }
    // A 503 is the API's own call deadline on a loaded machine: the same request again, as a client would.
    if (res.status !== 503 || attempt >= 5) throw new Error(`${act.what} (member ${m.n}): ${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function driveYear(sys: SizingSystem, journeys: number): Promise<{ members: Member[]; acts: number }> {
  await sys.skipTo(YEAR_STARTS);
  const members: Member[] = [];
  for (let n = 0; n < journeys; n++) {
    const cin = `${String(process.pid % 1000).padStart(3, '0')}${String(n).padStart(5, '0')}A`;
    const res = await sys.request('POST', '/v1/referrals', referralOf(cin, n));
    if (res.status !== 202) throw new Error(`referral ${n}: ${res.status} ${JSON.stringify(res.body)}`);
    members.push({ n, cin, memberId: (res.body as { memberId: string }).memberId, hospitalStay: n % 2 === 1 });
  }
  const steps = members.flatMap((m) => yearOf(m.cin, m.n, m.hospitalStay).map((act) => ({ m, act })));
  steps.sort((a, b) => a.act.at - b.act.at || a.m.n - b.m.n);
  let lastLog = Date.now();
  for (const [i, { m, act }] of steps.entries()) {
    await sys.skipTo(act.at);
    await post(sys, m, act);
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      console.error(`${i + 1}/${steps.length} acts, at ${new Date(act.at).toISOString().slice(0, 10)}`);
    }
  }
  await sys.skipTo(YEAR_ENDS);
  for (const m of members) await settle(sys, m);
  return { members, acts: steps.length + members.length };
}

const kib = (b: number) => `${(b / 1024).toFixed(1)} KiB`;

function printTables(perJourney: readonly TableSize[], journeys: number): void {
  console.log('\ncare record growth per journey-year, by table (largest first):');
  console.log('| table | rows/journey | on disk/journey | tuple bytes/journey |');
  console.log('|---|---:|---:|---:|');
  for (const t of perJourney) console.log(`| ${t.table} | ${(t.rows / journeys).toFixed(1)} | ${kib(t.diskBytes / journeys)} | ${kib(t.tupleBytes / journeys)} |`);
  const sum = (k: 'rows' | 'diskBytes' | 'tupleBytes') => perJourney.reduce((s, t) => s + t[k], 0) / journeys;
  console.log(`| **total** | ${sum('rows').toFixed(1)} | ${kib(sum('diskBytes'))} | ${kib(sum('tupleBytes'))} |`);
}

export async function journeyYear(journeys: number): Promise<void> {
  const t0 = performance.now();
  const sys = await startSizingSystem({ server: 'time-skipping', inProcessWorker: true });
  try {
    const before = await careRecordSize(sys.pool);
    const { members, acts } = await driveYear(sys, journeys);
    const after = await careRecordSize(sys.pool);
    const histories: { m: Member; journey: Total; runs: RunSize[]; episodes: Total[]; stage: string }[] = [];
    for (const m of members) {
      const runs = await runsOf(sys.client, memberJourneyWorkflowId(m.memberId));
      const journey = totalOf(runs);
      const view = await viewOf(sys, m.memberId);
      const episodes: Total[] = [];
      for (const e of view.episodes ?? []) episodes.push(totalOf(await runsOf(sys.client, e.workflowId)));
      histories.push({ m, journey, runs, episodes, stage: view.stage });
    }
    const plain = histories.filter((h) => !h.m.hospitalStay);
    const stayed = histories.filter((h) => h.m.hospitalStay);
    console.log(`journeys: ${journeys} (${stayed.length} with one hospital stay), API calls: ${acts}, stages at the end: ${[...new Set(histories.map((h) => h.stage))].join(', ')}, wall time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    console.log('\n| per journey-year (member-journey workflow, all runs) | events | bytes | runs |');
    console.log('|---|---:|---:|---:|');
    const row = (label: string, hs: typeof histories) =>
      console.log(`| ${label} (median of ${hs.length}) | ${median(hs.map((h) => h.journey.events))} | ${median(hs.map((h) => h.journey.bytes))} | ${median(hs.map((h) => h.journey.runs))} |`);
    row('no hospital stay', plain);
    row('with one hospital stay', stayed);
    const eps = stayed.flatMap((h) => h.episodes);
    if (eps.length) {
      console.log(`| transitional-care episode workflow (median of ${eps.length}) | ${median(eps.map((e) => e.events))} | ${median(eps.map((e) => e.bytes))} | ${median(eps.map((e) => e.runs))} |`);
      console.log(`| the stay's extra in the journey's own history (mean with − mean without) | ${(mean(stayed.map((h) => h.journey.events)) - mean(plain.map((h) => h.journey.events))).toFixed(0)} | ${(mean(stayed.map((h) => h.journey.bytes)) - mean(plain.map((h) => h.journey.bytes))).toFixed(0)} | |`);
    }
    const largest = histories.flatMap((h) => h.runs).reduce((a, b) => (b.bytes > a.bytes ? b : a));
    console.log(`\nruns of one journey-year without a stay: ${plain[0]?.runs.map((r, i) => `run ${i + 1}: ${r.events} events, ${r.bytes} bytes`).join('; ')}`);
    console.log(`largest single run of any journey: ${largest.events} events, ${largest.bytes} bytes`);
    console.log('events by type, one journey-year without a stay:', JSON.stringify(plain[0]?.journey.byType));
    // The longest run of each journey without a stay: the worst a cold journey has to replay.
    const cold = await replayCost(sys.client, plain.map((h) => ({ workflowId: memberJourneyWorkflowId(h.m.memberId), runId: h.runs.reduce((a, b) => (b.events > a.events ? b : a)).runId })));
    console.log(`replay of a journey-year's longest run (${cold.eventsEach} events, ${cold.histories} histories × 3): ${cold.wallMsEach.toFixed(0)} ms wall, ${cold.cpuMsEach.toFixed(0)} ms CPU each`);
    // And the shortest: the two give the fixed cost of a replay and its cost per event.
    const short = await replayCost(sys.client, plain.map((h) => ({ workflowId: memberJourneyWorkflowId(h.m.memberId), runId: h.runs.reduce((a, b) => (b.events < a.events ? b : a)).runId })));
    console.log(`replay of a journey-year's shortest run (${short.eventsEach} events, ${short.histories} histories × 3): ${short.wallMsEach.toFixed(0)} ms wall, ${short.cpuMsEach.toFixed(0)} ms CPU each`);
    printTables(growth(before, after), journeys);
    console.log('\n(on disk is in 8 KiB pages, so it over-counts small samples; tuple bytes are exact and exclude indexes.)');
  } finally {
    await sys.close();
  }
}
