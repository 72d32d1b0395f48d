/** The logger's PHI redaction is precise: member data is censored, an error's class name is not. */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/infra/logger';

function logged(write: (log: ReturnType<typeof createLogger>) => void): Record<string, any> {
  const lines: string[] = [];
  write(createLogger('info', { write: (line: string) => void lines.push(line) }));
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

describe('logger redaction', () => {
  it('an error class name survives, at the top of a line and one object down', () => {
    const line = logged((log) => log.error({ name: 'request failed', err: { name: 'DatabaseError', code: '22P05' } }, 'request failed'));
    expect(line.err).toEqual({ name: 'DatabaseError', code: '22P05' });
    expect(line.name).toBe('request failed');
  });

  it('a member name (given, family), CIN, date of birth, contact, phone and address are censored wherever they sit', () => {
    const line = logged((log) =>
      log.info(
        {
          cin: '91234567A',
          name: { given: 'Ana', family: 'Lopez' },
          patient: { name: { given: 'Rosa', family: 'Alvarez' }, dateOfBirth: '1958-07-04', phone: '+1-213-555-0147', address: '1234 W Sunset Blvd' },
          referral: { member: { cin: '91234567B' } },
        },
        'intake',
      ),
    );
    expect(line.cin).toBe('[PHI]');
    expect(line.name).toEqual({ given: '[PHI]', family: '[PHI]' });
    expect(line.patient).toEqual({ name: { given: '[PHI]', family: '[PHI]' }, dateOfBirth: '[PHI]', phone: '[PHI]', address: '[PHI]' });
    expect(line.referral.member).toBe('[PHI]');
    expect(JSON.stringify(line)).not.toMatch(/Ana|Lopez|Rosa|Alvarez|1958|555-0147|Sunset|9123456/);
  });
});
