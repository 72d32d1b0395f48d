/**
 * Compares what the API acknowledged with what the system kept: every acknowledged step must be
 * in the care record exactly once (`journey_events` by event key) and in the journey's state (its
 * stage and outreach count as the rules make them after that step).
 */
import type { Pool } from 'pg';
import { issueToken } from '../../src/infra/auth/issue-token';
import type { TokenSettings } from '../../src/infra/auth/token-settings';
import type { JourneyRun } from './journey-client';

export interface CheckResult {
  acknowledged: number;
  lost: number;
  doubled: number;
  /** One line per finding: member ID, step, what is wrong (no member data). */
  readonly findings: string[];
}

/** Checks every run's acknowledged steps against the care record and the journey's state. */
export async function checkAcknowledged(runs: readonly JourneyRun[], pool: Pool, apiUrl: string, tokens: Extract<TokenSettings, { kind: 'secret' }>): Promise<CheckResult> {
  const result: CheckResult = { acknowledged: 0, lost: 0, doubled: 0, findings: [] };
  const ops = `Bearer ${await issueToken(tokens, { subject: 'chaos-check', role: 'ops', organisation: 'ECM-OPS' })}`;
  for (const run of runs) {
    if (!run.memberId || run.acknowledged.length === 0) continue;
    result.acknowledged += run.acknowledged.length;
    const rows = await pool.query<{ event_key: string; n: string }>('SELECT event_key, count(*) AS n FROM journey_events WHERE member_id = $1 GROUP BY event_key', [run.memberId]);
    const counts = new Map(rows.rows.map((r) => [r.event_key, Number(r.n)]));
    for (const { step, eventKey } of run.acknowledged) {
      const n = counts.get(eventKey) ?? 0;
      if (n === 0) {
        result.lost += 1;
        result.findings.push(`lost: ${run.memberId} ${step.name} has no care-record event`);
      } else if (n > 1) {
        result.doubled += 1;
        result.findings.push(`doubled: ${run.memberId} ${step.name} has ${n} care-record events`);
      }
    }
    const res = await fetch(`${apiUrl}/v1/members/${run.memberId}`, { headers: { authorization: ops }, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) {
      result.lost += 1;
      result.findings.push(`lost: ${run.memberId} journey state unreadable (${res.status})`);
      continue;
    }
    const state = (await res.json()) as { stage?: string; outreach?: { attempts?: number } };
    const last = run.acknowledged.at(-1)!.step;
    if (state.stage !== last.stageAfter) {
      result.lost += 1;
      result.findings.push(`lost: ${run.memberId} stage ${state.stage} after ${last.name}, expected ${last.stageAfter}`);
    }
    const attempts = run.acknowledged.filter((a) => a.step.outreachAttempt).length;
    const shown = state.outreach?.attempts ?? 0;
    if (shown > attempts) {
      result.doubled += shown - attempts;
      result.findings.push(`doubled: ${run.memberId} shows ${shown} outreach attempts, ${attempts} acknowledged`);
    } else if (shown < attempts) {
      result.lost += attempts - shown;
      result.findings.push(`lost: ${run.memberId} shows ${shown} outreach attempts, ${attempts} acknowledged`);
    }
  }
  return result;
}
