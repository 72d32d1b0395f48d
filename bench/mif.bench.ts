/**
 * `npm run bench:mif -- --rows 100000 [--batch-size 200] [--concurrency 8]`: imports a generated
 * MIF of that many new members through the real API, worker and activities on the Temporal dev
 * server and an embedded PostgreSQL, then prints rows per second, the peak RSS of this process
 * (the worker, its activities and the API run in it), and the history events of every run of the
 * import workflow. Figures are for this machine at this moment; they are not test assertions.
 */
import { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../api/app';
import { createJourneyGateway } from '../api/journey-gateway';
import { createTokenVerifier } from '../src/infra/auth/token-verifier';
import { issueToken } from '../src/infra/auth/issue-token';
import { createCaseloadStore } from '../src/infra/caseload';
import { encryptingDataConverter } from '../src/infra/codec/data-converter';
import { startEmbeddedPostgres } from '../src/dev/embedded-postgres';
import { migrateDatabase } from '../src/infra/db/migrate';
import { createDatabaseIfMissing, createPool, withDatabase } from '../src/infra/db/pool';
import { createLogger } from '../src/infra/logger';
import { DEFAULT_WORKER_MAX_CACHED_WORKFLOWS } from '../src/infra/config';
import { PROJECT_ROOT, resolveTemporalBinary } from '../src/dev/runtime/temporal-binaries';
import { registerSearchAttributes } from '../src/infra/temporal/register-search-attributes';
import { importWorkflowId } from '../src/contracts/mif-import';
import { addDaysToDate, localDateOf } from '../src/core/calendar';
import { DEFAULT_MIF_COLUMNS } from '../src/core/mif/mif-columns';
import { webhookSecretKey } from '../src/infra/webhooks/secret-box';
import { createJourneyWorker } from '../worker/create-worker';

const KEY = 'bench-member-id-key-0123456789';
const KEYS = { currentKeyId: 'b1', keys: { b1: Buffer.alloc(32, 3) } };
const TOKENS = { kind: 'secret', secret: new TextEncoder().encode('bench-token-secret-0123456789abcdef'), issuer: 'ecm-backbone', audience: 'ecm-api' } as const;

function mif(rows: number): string {
  const today = localDateOf(Date.now(), 'America/Los_Angeles');
  const authorized = addDaysToDate(today, -1);
  const lines = [Object.values(DEFAULT_MIF_COLUMNS).join(',')];
  for (let i = 0; i < rows; i++) {
    lines.push([`${String(10_000_000 + i)}M`, 'Bench', 'Member', '01/01/1970', i % 2 ? 'PROV-ACME' : 'PROV-BETA', authorized, today, 'Y', '1a', '', ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000' }, 'batch-size': { type: 'string', default: '200' }, concurrency: { type: 'string', default: '8' } } });
  const rows = Number(values.rows);
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const cli = await resolveTemporalBinary('cli');
  const pg = await startEmbeddedPostgres({ dataDir: join(PROJECT_ROOT, '.data', `bench-mif-pg-${process.pid}`), persistent: false });
  await createDatabaseIfMissing(pg.databaseUrl('postgres'), 'bench');
  const url = withDatabase(pg.databaseUrl('postgres'), 'bench');
  await migrateDatabase(url);
  const pool = createPool(url, { max: 20 });
  const env = await TestWorkflowEnvironment.createLocal({ server: { executable: { type: 'existing-path', path: cli.path }, log: { format: 'json', level: 'error' } } });
  await registerSearchAttributes(env.connection, 'default');
  const dataConverter = encryptingDataConverter(KEYS);
  const log = createLogger('silent');
  const client = new Client({ connection: env.connection, dataConverter });
  const worker = await createJourneyWorker({
    connection: env.nativeConnection, namespace: 'default', taskQueue: 'bench', pool, log, dataConverter,
    webhooks: { client, taskQueue: 'bench', secretKey: webhookSecretKey(KEY) },
    imports: { memberIdKey: KEY, plans: {}, concurrency: Number(values.concurrency) },
    // As the worker runs by default (issue 16 §3): its cache, hence its memory, bounded.
    maxCachedWorkflows: DEFAULT_WORKER_MAX_CACHED_WORKFLOWS,
  });
  const running = worker.run();
  const app = createApp({ journeys: createJourneyGateway(client, 'bench'), config: { memberIdKey: KEY, plans: {} }, log, clock: () => Promise.resolve(Date.now()), caseloads: createCaseloadStore(pool), pool,
    verifyToken: createTokenVerifier(TOKENS), rateLimitPerMinute: 1_000_000 });
  const authorization = `Bearer ${await issueToken(TOKENS, { subject: 'bench', role: 'plan', organisation: 'LA-CARE' })}`;
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const file = mif(rows);
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/mif?batchSize=${values['batch-size']}`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization }, body: file });
  const accepted = (await res.json()) as { importId: string; links: { report: string } };
  if (res.status !== 202) throw new Error(`the MIF was refused: ${res.status} ${JSON.stringify(accepted)}`);
  let report: { status: string; processed: number; created: number; rejected: number };
  let lastLog = 0;
  for (;;) {
    report = (await (await fetch(`${base}${accepted.links.report}`, { headers: { authorization } })).json()) as typeof report;
    if (report.status === 'completed') break;
    if (performance.now() - lastLog > 10_000) {
      lastLog = performance.now();
      console.error(`${report.processed}/${rows} rows, ${Math.round((performance.now() - t0) / 1000)} s`);
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);

  const runs: number[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = '${importWorkflowId(accepted.importId)}'` })) {
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    runs.push(history.events?.length ?? 0);
  }
  console.log(`rows: ${rows} (created ${report.created}, rejected ${report.rejected}), batch size ${values['batch-size']}, rows in flight per batch ${values.concurrency}`);
  console.log(`import: ${seconds.toFixed(1)} s, ${(rows / seconds).toFixed(1)} rows/s (each row: a referral row, a journey start, two Updates, their care-record writes)`);
  console.log(`peak RSS of the worker process (worker + activities + API): ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  console.log(`import workflow runs: ${runs.length}, history events per run: ${runs.join(', ')} (largest ${Math.max(...runs)})`);

  server.close();
  worker.shutdown();
  await running;
  await env.teardown();
  await pool.end();
  await pg.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
