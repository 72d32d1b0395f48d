import { describe, expect, it } from 'vitest';
import { active, ok } from '../support/journey-driver';
import { stateOf, useJourneySystem } from '../support/journey-test';
import { referralBody } from '../support/referrals';

const AT = '2030-11-13T09:00:00.000-08:00';
const PHI = { cin: '86420975M', given: 'Philippa', family: 'Nakashima-Ortiz', dateOfBirth: '1952-08-29', phone: '+1-626-555-0177' };

describe('logs, metrics and headers carry no PHI', () => {
  const { sys } = useJourneySystem();

  it('a full journey leaves no name, CIN, date of birth or phone in the logs or in /metrics', async () => {
    const member = { ...(referralBody(AT).member as object), cin: PHI.cin, name: { given: PHI.given, family: PHI.family }, dateOfBirth: PHI.dateOfBirth, contact: { phone: PHI.phone } };
    const memberId = await active(sys(), AT, 'LCM-LOGS', { member });
    await ok(sys(), memberId, '/pcp-change', '2030-11-14T10:00:00-08:00', { pcpId: 'PCP-1', at: '2030-11-14T10:00:00-08:00' });
    // A refused request and an unknown route are logged too.
    await sys().request('POST', `/v1/members/${memberId}/authorization`, { decision: 'approved', decidedAt: '2030-11-13T10:00:00-08:00' });
    await sys().request('POST', '/v1/referrals', { ...referralBody(AT), member: { ...member, dateOfBirth: 'not a date' } });
    // Refused by the API itself, not by a journey's Update: a refusal, but not a rejected update.
    const future = await sys().request('POST', '/v1/referrals', referralBody('2099-01-01T00:00:00Z'));
    expect(future.body.code).toBe('timestamp_in_future');
    expect((await stateOf(sys(), memberId)).stage).toBe('ACTIVE');

    const logs = sys().logLines.join('\n');
    expect(logs).toContain('"msg":"request"');
    expect(logs).toContain('"route":"/v1/members/:memberId/pcp-change"');
    const metricsText = await (await fetch(`${sys().baseUrl}/metrics`)).text();
    expect(metricsText).toContain('ecm_http_request_duration_seconds');
    expect(metricsText).toContain('ecm_requests_refused_total{code="wrong_stage"}');
    // Workflow starts and rejected updates, by plan and by rule violation.
    expect(metricsText).toMatch(/ecm_journeys_started_total\{plan="LA-CARE"\} 1\b/);
    expect(metricsText).toMatch(/ecm_journey_updates_rejected_total\{code="wrong_stage"\} 1\b/);
    expect(metricsText).toContain('ecm_requests_refused_total{code="timestamp_in_future"} 1');
    expect(metricsText).not.toContain('ecm_journey_updates_rejected_total{code="timestamp_in_future"}');
    for (const value of Object.values(PHI)) {
      expect(logs).not.toContain(value);
      expect(metricsText).not.toContain(value);
    }
    expect(metricsText).not.toContain(memberId);
  });

  it('answers carry security headers and a request ID', async () => {
    const res = await fetch(`${sys().baseUrl}/healthz`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age');
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
