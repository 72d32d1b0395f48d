import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config';
import { deriveMemberId, deriveReferralKey } from '../../src/infra/identity';
import { resolvePlanPolicy } from '../../src/core/plan-policies';
import { openDeadline } from '../../src/core/domain/deadline';

describe('configuration', () => {
  it('has working defaults for a developer machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, temporal: { address: 'localhost:7233', namespace: 'default', taskQueue: 'ecm-journeys', uiPort: 8233 } });
    expect(config.databaseUrl).toBeUndefined();
  });

  it('stops at start-up with every problem named', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url' })).toThrow(/PORT.*DATABASE_URL|DATABASE_URL.*PORT/);
  });

  it('refuses to run in production with the development member-ID key, without payload encryption keys, or without a token key', () => {
    const jwt = { ECM_JWT_SECRET: 's'.repeat(32) };
    const keys = { ECM_PAYLOAD_KEYS: JSON.stringify({ k1: Buffer.alloc(32, 7).toString('base64') }), ECM_PAYLOAD_KEY_ID: 'k1', ECM_CODEC_TOKEN: 'c'.repeat(32), ...jwt };
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/MEMBER_ID_KEY must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32) })).toThrow(/ECM_PAYLOAD_KEYS and ECM_PAYLOAD_KEY_ID must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ECM_PAYLOAD_KEYS: JSON.stringify({ k1: 'c2hvcnQ=' }), ECM_PAYLOAD_KEY_ID: 'k1' })).toThrow(/32-byte/);
    const { ECM_JWT_SECRET: _secret, ...noJwt } = keys;
    expect(() => loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ...noJwt })).toThrow(/ECM_JWT_SECRET or ECM_JWT_JWKS_URL must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ...keys, ECM_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ...keys, ECM_JWT_JWKS_URL: 'https://idp.example/jwks' })).toThrow(/not both/);
    const config = loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ...keys });
    expect([config.memberIdKey, config.payloadKeys.currentKeyId, config.tokens.kind]).toEqual(['k'.repeat(32), 'k1', 'secret']);
    const viaJwks = loadConfig({ NODE_ENV: 'production', MEMBER_ID_KEY: 'k'.repeat(32), ...noJwt, ECM_JWT_JWKS_URL: 'https://idp.example/jwks' });
    expect(viaJwks.tokens).toMatchObject({ kind: 'jwks', jwksUrl: 'https://idp.example/jwks', issuer: 'ecm-backbone', audience: 'ecm-api' });
  });

  it('refuses to run in production without a codec credential: the codec server decrypts member data', () => {
    const production = {
      NODE_ENV: 'production',
      MEMBER_ID_KEY: 'k'.repeat(32),
      ECM_PAYLOAD_KEYS: JSON.stringify({ k1: Buffer.alloc(32, 7).toString('base64') }),
      ECM_PAYLOAD_KEY_ID: 'k1',
      ECM_JWT_SECRET: 's'.repeat(32),
    };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/ECM_CODEC_TOKEN must be set in production/);
    expect(loadConfig({ ...production, ECM_CODEC_TOKEN: 'c'.repeat(32) }).codecToken).toBe('c'.repeat(32));
  });

  it('the API listens on loopback unless HOST opens it; Temporal calls have an explicit deadline', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({}).temporal.callTimeoutMs).toBe(10_000);
    expect(loadConfig({ TEMPORAL_CALL_TIMEOUT_MS: '4000' }).temporal.callTimeoutMs).toBe(4000);
    expect(() => loadConfig({ TEMPORAL_CALL_TIMEOUT_MS: '0' })).toThrow(/TEMPORAL_CALL_TIMEOUT_MS/);
  });

  it('plans override time zone, holidays and turnarounds through ECM_PLANS_FILE, never through code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-plans-'));
    const file = join(dir, 'plans.json');
    writeFileSync(
      file,
      JSON.stringify({
        plans: {
          'NY-PLAN': {
            timeZone: 'America/New_York',
            holidays: [{ kind: 'date', name: 'Plan closure', date: '2030-11-18' }],
            turnarounds: { 'R-LCM-72H': { unit: 'hours', amount: 48 } },
          },
        },
      }),
    );
    const config = loadConfig({ ECM_PLANS_FILE: file });
    const policy = resolvePlanPolicy(config.plans, 'NY-PLAN');
    // Received Fri 2030-11-15 09:00 Eastern; Mon 18 is the plan's closure: Tue 19 (1) … Mon 25 (5).
    const received = Date.parse('2030-11-15T09:00:00-05:00');
    expect(openDeadline(policy, 'R-AUTH-ROUTINE', 'k', received, { unit: 'business-days', amount: 5 }).dueAt).toBe('2030-11-25T23:59:59.999-05:00');
    expect(policy.turnarounds['R-LCM-72H']).toEqual({ unit: 'hours', amount: 48 });
    // A plan without overrides keeps the rule book's defaults.
    expect(resolvePlanPolicy(config.plans, 'LA-CARE').calendar.timeZone).toBe('America/Los_Angeles');
  });

  it('rejects a plans file with an unknown time zone or a malformed holiday', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecm-plans-'));
    const file = join(dir, 'plans.json');
    writeFileSync(file, JSON.stringify({ plans: { X: { timeZone: 'Mars/Olympus' } } }));
    expect(() => loadConfig({ ECM_PLANS_FILE: file })).toThrow(/Mars\/Olympus/);
    writeFileSync(file, JSON.stringify({ plans: { X: { holidays: [{ kind: 'fixed', name: 'Bad', month: 13, day: 1 }] } } }));
    expect(() => loadConfig({ ECM_PLANS_FILE: file })).toThrow(ConfigError);
  });
});

describe('opaque identity', () => {
  const key = 'identity-test-key-0123456789';

  it('derives the same member ID from the same plan and CIN, whatever the CIN’s case or padding, and reveals neither', () => {
    const id = deriveMemberId(key, 'LA-CARE', '91234567A');
    expect(id).toMatch(/^mbr_[0-9a-f]{32}$/);
    expect(deriveMemberId(key, 'LA-CARE', ' 91234567a ')).toBe(id);
    expect(id).not.toContain('91234567');
    expect(deriveMemberId(key, 'HEALTH-NET', '91234567A')).not.toBe(id);
    expect(deriveMemberId('another-key-0123456789', 'LA-CARE', '91234567A')).not.toBe(id);
  });

  it('keeps plan and CIN apart, so shifting characters between them gives another member', () => {
    expect(deriveMemberId(key, 'PLAN1', '23456789A')).not.toBe(deriveMemberId(key, 'PLAN', '123456789A'));
    expect(deriveReferralKey(key, 'LA-CARE', 'R-1')).not.toBe(deriveReferralKey(key, 'LA-CAR', 'ER-1'));
  });
});
