/**
 * `npm run mif -- import <file.csv> --plan LA-CARE` sends a plan's Member Information File, and
 * `npm run mif -- members <file.jsonl> --plan LA-CARE` a file of members already in ECM, to the
 * running API (`npm start`; `--url`, default http://localhost:$PORT), then follows the import to its
 * end with a progress bar and prints the report. The token is ECM_TOKEN when set, else a plan token
 * signed with the development secret, as `npm run token` makes.
 *
 * The bar is a dozen lines here rather than a dependency (cli-progress and the like): one line
 * redrawn with `\r` on a terminal, a line per tenth of the file otherwise (CI logs).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config';
import { issueToken } from '../infra/auth/issue-token';

const USAGE = 'usage: npm run mif -- <import|members> <file> --plan <PLAN> [--url <API URL>] [--batch-size <rows>]';

interface Report {
  readonly status: string;
  readonly totalRows: number;
  readonly processed: number;
  readonly created: number;
  readonly reconciled: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly missing: number;
  readonly rejectedRows: readonly { readonly line: number; readonly reason: string }[];
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${total ? Math.floor((done / total) * 100) : 100}% ${done}/${total} rows`;
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { plan: { type: 'string' }, url: { type: 'string' }, 'batch-size': { type: 'string' } } });
  const [command, path] = positionals;
  if ((command !== 'import' && command !== 'members') || !path || !values.plan) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const url = values.url ?? `http://localhost:${config.port}`;
  let token = process.env.ECM_TOKEN;
  if (!token) {
    if (config.tokens.kind !== 'secret') throw new Error('set ECM_TOKEN: with ECM_JWT_JWKS_URL tokens come from your identity provider');
    token = await issueToken(config.tokens, { subject: 'mif-cli', role: 'plan', organisation: values.plan, lifetimeSeconds: 3600 });
  }
  const headers = { authorization: `Bearer ${token}` };
  const query = values['batch-size'] ? `?batchSize=${encodeURIComponent(values['batch-size'])}` : '';
  const endpoint = command === 'import' ? '/v1/mif' : '/v1/imports/members';
  const res = await fetch(`${url}${endpoint}${query}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': command === 'import' ? 'text/csv' : 'application/x-ndjson' },
    body: readFileSync(path),
  });
  const accepted = (await res.json()) as { importId?: string; links?: { report: string }; detail?: string; code?: string };
  if (res.status !== 202 || !accepted.links) {
    console.error(`refused (${res.status} ${accepted.code ?? ''}): ${accepted.detail ?? ''}`);
    process.exit(1);
  }
  console.error(`import ${accepted.importId}`);
  const tty = process.stderr.isTTY;
  let lastTenth = -1;
  for (;;) {
    const r = await fetch(`${url}${accepted.links.report}`, { headers });
    if (r.status !== 200) throw new Error(`the report answered ${r.status}`);
    const report = (await r.json()) as Report;
    const tenth = Math.floor((report.processed / Math.max(report.totalRows, 1)) * 10);
    if (tty) process.stderr.write(`\r${bar(report.processed, report.totalRows)}`);
    else if (tenth !== lastTenth) console.error(bar(report.processed, report.totalRows));
    lastTenth = tenth;
    if (report.status === 'completed') {
      if (tty) process.stderr.write('\n');
      const { rejectedRows, ...counts } = report;
      console.log(JSON.stringify(counts, null, 2));
      for (const row of rejectedRows) console.log(`line ${row.line}: ${row.reason}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
