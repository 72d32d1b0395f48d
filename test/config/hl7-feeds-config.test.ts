/** HL7 feeds and the MLLP listener are configured at start-up, and a broken configuration stops it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/infra/config';

function plansFile(content: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ecm-feeds-')), 'plans.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('HL7 feed and MLLP configuration', () => {
  it('reads feeds beside plans, and leaves the MLLP listener off unless MLLP_PORT is set', () => {
    const feed = { plan: 'LA-CARE', sendingFacilities: ['GOODSAM'], identifierRules: { cinRules: [{ assigningAuthority: '2.16.840.1.113883.3.7777', identifierType: 'PI' }] }, admitTime: 'evn-2' };
    const config = loadConfig({ ECM_PLANS_FILE: plansFile({ plans: {}, feeds: { 'goodsam-adt': feed } }) });
    expect(config.feeds).toEqual({ 'goodsam-adt': feed });
    expect(config.mllp.port).toBeUndefined();
    expect(loadConfig({}).feeds).toEqual({});
    expect(loadConfig({ MLLP_PORT: '2575', MLLP_TLS_CERT: 'c.pem', MLLP_TLS_KEY: 'k.pem' }).mllp).toEqual({ port: 2575, host: '127.0.0.1', tlsCert: 'c.pem', tlsKey: 'k.pem' });
  });

  it('refuses a feed with an unknown zone, an unknown field or admit-time policy, and TLS with a certificate but no key', () => {
    expect(() => loadConfig({ ECM_PLANS_FILE: plansFile({ plans: {}, feeds: { f: { plan: 'LA-CARE', timeZone: 'Mars/Olympus' } } }) })).toThrow(/feed f: .*Mars\/Olympus/);
    expect(() => loadConfig({ ECM_PLANS_FILE: plansFile({ plans: {}, feeds: { f: { plan: 'LA-CARE', admitTime: 'receipt' } } }) })).toThrow(ConfigError);
    expect(() => loadConfig({ ECM_PLANS_FILE: plansFile({ plans: {}, feeds: { f: { plan: 'LA-CARE', port: 1 } } }) })).toThrow(ConfigError);
    expect(() => loadConfig({ MLLP_PORT: '2575', MLLP_TLS_CERT: 'c.pem' })).toThrow(/MLLP_TLS_CERT and MLLP_TLS_KEY/);
  });
});
