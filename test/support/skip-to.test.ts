/**
 * The time-skipping harness decides on the test's own timeline, never on how long the machine
 * took (issue 10, "CI without luck"): the clock runs on in real time between skips, so a skip to
 * an instant it already passed is a no-op however loaded the machine is, while a test that asks
 * to go back fails loudly.
 */
import { describe, expect, it } from 'vitest';
import { useJourneySystem } from './journey-test';

const AT = Date.parse('2030-11-13T09:00:00.000-08:00');
const hour = 3_600_000;

describe('skipTo', () => {
  const { sys } = useJourneySystem();

  it('a skip to an instant real time has already carried the clock past is a no-op, however long that took', async () => {
    await sys().skipTo(AT);
    // Stand in for a loaded machine: more real time passes than the old 10-second tolerance allowed.
    await new Promise((resolve) => setTimeout(resolve, 11_000));
    expect(await sys().now()).toBeGreaterThan(AT + 10_000);
    await sys().skipTo(AT);
    expect(await sys().now()).toBeGreaterThanOrEqual(AT);
  });

  it('a skip to an instant before the one the test last asked for fails loudly, even by one millisecond', async () => {
    await sys().skipTo(AT + hour);
    await expect(sys().skipTo(AT + hour - 1)).rejects.toThrow(/cannot skip back in time/);
    await expect(sys().skipTo(AT)).rejects.toThrow(/cannot skip back in time/);
  });

  it('a skip to an instant before the system started fails loudly', async () => {
    const started = await sys().now();
    await expect(sys().skipTo(started - hour)).rejects.toThrow(/cannot skip back in time/);
  });

  it('a skip that would be a no-op only because something other than real time moved the clock fails loudly', async () => {
    await sys().skipTo(AT);
    await sys().env.sleep(hour);
    await expect(sys().skipTo(AT + 1_000)).rejects.toThrow(/ran .* ahead of real time/);
  });
});
