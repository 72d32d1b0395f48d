/**
 * R-DENIAL-NOA: how notices are configured, as a process reads its environment: the transport
 * (ECM_NOTICE_TRANSPORT, letter files under DATA_DIR by default) and each plan's template
 * (ECM_PLANS_FILE `notice`), which is validated at start-up like every other plan override.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { noticeDeliveryFor } from '../../activities/notices/notice-delivery-for';
import { ConfigError, loadConfig } from '../../src/infra/config';
import { DEFAULT_APPEAL_RIGHTS } from '../../src/core/notices/appeal-rights';
import { noticeTemplateFor } from '../../src/core/notices/notice-template';

const dir = mkdtempSync(join(tmpdir(), 'ecm-notice-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function plansFile(plans: unknown): string {
  const file = join(dir, `plans-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ plans }));
  return file;
}

describe('notice configuration', () => {
  it('R-DENIAL-NOA: notices go out as letter files under DATA_DIR by default; ECM_NOTICE_TRANSPORT=outbox leaves them pending for an outside integration', () => {
    const byDefault = noticeDeliveryFor(loadConfig({ DATA_DIR: dir }));
    expect(byDefault.transport?.name).toBe('letter-file');
    expect(noticeDeliveryFor(loadConfig({ DATA_DIR: dir, ECM_NOTICE_TRANSPORT: 'outbox' })).transport).toBeUndefined();
    expect(() => loadConfig({ DATA_DIR: dir, ECM_NOTICE_TRANSPORT: 'fax' })).toThrow(ConfigError);
  });

  it('R-DENIAL-NOA: a plan without a template of its own sends the default APL 21-011 statement, with the placeholders filled in', () => {
    const template = noticeTemplateFor({}, 'LA-CARE');
    expect(template.id).toBe('default');
    expect(template.appealRights).toBe(DEFAULT_APPEAL_RIGHTS.replaceAll('{{planName}}', 'LA-CARE').replaceAll('{{memberServices}}', template.memberServices));
    expect(template.appealRights).not.toMatch(/\{\{/);
  });

  it('R-DENIAL-NOA: ECM_PLANS_FILE sets a plan’s own notice template, and a malformed one stops the process at start-up', () => {
    const config = loadConfig({ DATA_DIR: dir, ECM_PLANS_FILE: plansFile({ 'LA-CARE': { notice: { planName: 'L.A. Care Health Plan', appealRights: 'Appeal to {{planName}} within 60 days.' } } }) });
    expect(noticeTemplateFor(config.plans, 'LA-CARE')).toMatchObject({ id: 'LA-CARE', planName: 'L.A. Care Health Plan', appealRights: 'Appeal to L.A. Care Health Plan within 60 days.' });
    expect(noticeTemplateFor(config.plans, 'OTHER-PLAN').id).toBe('default');
    expect(() => loadConfig({ DATA_DIR: dir, ECM_PLANS_FILE: plansFile({ 'LA-CARE': { notice: { appealRights: '' } } }) })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir, ECM_PLANS_FILE: plansFile({ 'LA-CARE': { notice: { planName: 42 } } }) })).toThrow(ConfigError);
  });
});
