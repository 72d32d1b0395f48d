/** MLLP framing is independent of how TCP cuts the stream. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MllpFramer, mllpFrame } from '../../src/infra/mllp/mllp-framer';

describe('MLLP framer', () => {
  it('gives the same frames however the byte stream is cut into chunks', () => {
    const message = fc.string({ unit: fc.constantFrom('M', 'S', 'H', '|', '^', '\r', 'é', '1'), minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 20 }), (messages, cuts) => {
        const stream = Buffer.concat(messages.map(mllpFrame));
        const framer = new MllpFramer(1024);
        const frames: string[] = [];
        let at = 0;
        for (const cut of [...cuts, stream.length]) {
          for (const event of framer.push(stream.subarray(at, at + cut))) if (event.kind === 'frame') frames.push(event.message.toString('utf8'));
          at = Math.min(stream.length, at + cut);
        }
        expect(frames).toEqual(messages);
        expect(framer.pendingBytes).toBe(0);
      }),
    );
  });

  it('keeps only the first line of an oversized frame, and the frame after it intact', () => {
    const framer = new MllpFramer(10);
    const events = framer.push(Buffer.concat([mllpFrame(`MSH|X\r${'Y'.repeat(50)}`), mllpFrame('OK')]));
    expect(events.map((e) => (e.kind === 'oversized' ? ['oversized', e.mshLine.toString()] : e.kind === 'frame' ? ['frame', e.message.toString()] : [e.kind]))).toEqual([
      ['oversized', 'MSH|X'],
      ['frame', 'OK'],
    ]);
  });
});
