/**
 * The price of a cold journey: the CPU and wall time to replay a journey's history (what a worker
 * does when an action or timer reaches a journey no longer in its sticky cache), measured with the
 * SDK's replayer on the production bundle over histories the journey-year produced.
 */
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH, encryptingDataConverter } from '../../src/infra/codec/data-converter';
import { WORKFLOWS_PATH } from '../../worker/create-worker';
import { SIZING_PAYLOAD_KEYS } from './system';

const silent = { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };

export interface ReplayCost {
  readonly histories: number;
  readonly eventsEach: number;
  readonly wallMsEach: number;
  readonly cpuMsEach: number;
}

/** Replays each run (workflow ID, run ID) `rounds` times after one warm-up round, and returns the cost per replay. */
let bundled: Promise<{ code: string }> | undefined;

export async function replayCost(client: Client, runs: readonly { workflowId: string; runId: string }[], rounds = 3): Promise<ReplayCost> {
  bundled ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, failureConverterPath: FAILURE_CONVERTER_PATH, logger: silent });
  const { code } = await bundled;
  const histories: { workflowId: string; history: Awaited<ReturnType<ReturnType<Client['workflow']['getHandle']>['fetchHistory']>> }[] = [];
  for (const r of runs) histories.push({ workflowId: r.workflowId, history: await client.workflow.getHandle(r.workflowId, r.runId).fetchHistory() });
  const options = { workflowBundle: { code }, dataConverter: encryptingDataConverter(SIZING_PAYLOAD_KEYS), replayName: 'sizing' };
  const replayAll = async () => {
    for await (const result of Worker.runReplayHistories(options, histories)) if (result.error) throw new Error(`replay of a journey failed: ${result.error.name}`);
  };
  await replayAll();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) await replayAll();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const n = histories.length * rounds;
  const events = histories.reduce((s, h) => s + (h.history.events?.length ?? 0), 0) / histories.length;
  return { histories: histories.length, eventsEach: Math.round(events), wallMsEach: wall / n, cpuMsEach: (cpu.user + cpu.system) / 1000 / n };
}
