/**
 * The MLLP listener over real sockets, with a handler the test controls: framing that survives a
 * broken sender, one message per connection at a time in order (back-pressure), the connection cap,
 * and TLS with client certificates.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mllpFrame } from '../../src/infra/mllp/mllp-framer';
import { type MllpHandler, type MllpServer, type MllpServerOptions, startMllpServer } from '../../src/infra/mllp/mllp-server';
import { connectRaw, type RawMllpPeer } from '../support/mllp-raw';
import { makeTestCertificates } from '../support/test-certificates';

const VT = '\u000b';
const FS_CR = '\u001c\r';

/** A handler answering `ACK:<text>`, recording problems and how many messages it held at once. */
function recordingHandler(gate?: () => Promise<void>) {
  const seen: string[] = [];
  const problems: string[] = [];
  let inHand = 0;
  let mostInHand = 0;
  const handler: MllpHandler = {
    async message(text) {
      inHand += 1;
      mostInHand = Math.max(mostInHand, inHand);
      seen.push(text);
      await gate?.();
      inHand -= 1;
      return `ACK:${text}`;
    },
    oversized: (mshLine, limit) => Promise.resolve(`TOO-BIG:${limit}:${mshLine}`),
    problem(what) {
      problems.push(what);
    },
  };
  return { handler, seen, problems, mostInHand: () => mostInHand };
}

describe('MLLP listener', () => {
  let server: MllpServer | undefined;
  const peers: RawMllpPeer[] = [];
  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await server?.close();
    server = undefined;
  });
  async function start(handler: MllpHandler, options: Partial<MllpServerOptions> = {}): Promise<MllpServer> {
    server = await startMllpServer({ port: 0, host: '127.0.0.1', ...options }, handler);
    return server;
  }
  async function peer(port: number): Promise<RawMllpPeer> {
    const p = await connectRaw(port);
    peers.push(p);
    return p;
  }

  it('answers several messages on one connection, in order, even when they arrive in one write', async () => {
    const { handler } = recordingHandler();
    const { port } = await start(handler);
    const p = await peer(port);
    await p.write(Buffer.concat(['M1', 'M2', 'M3'].map(mllpFrame)));
    await p.write(Buffer.concat([mllpFrame('M4').subarray(0, 2), Buffer.from('')]));
    await p.write(mllpFrame('M4').subarray(2));
    expect(await p.waitForAnswers(4)).toEqual(['ACK:M1', 'ACK:M2', 'ACK:M3', 'ACK:M4']);
  });

  it('holds one message per connection at a time: the next is not handled until the one before is answered', async () => {
    const releases: Array<() => void> = [];
    const gate = () => new Promise<void>((resolve) => releases.push(resolve));
    const recorded = recordingHandler(gate);
    const { port } = await start(recorded.handler);
    const p = await peer(port);
    await p.write(Buffer.concat(['A', 'B', 'C'].map(mllpFrame)));
    // Only the first is in hand while its intake (the gate) is slow.
    await expect.poll(() => recorded.seen, { timeout: 20_000 }).toEqual(['A']);
    expect(p.answers).toEqual([]);
    releases.shift()!();
    await expect.poll(() => recorded.seen, { timeout: 20_000 }).toEqual(['A', 'B']);
    expect(await p.waitForAnswers(1)).toEqual(['ACK:A']);
    releases.shift()!();
    await expect.poll(() => recorded.seen.length, { timeout: 20_000 }).toBe(3);
    releases.shift()!();
    expect(await p.waitForAnswers(3)).toEqual(['ACK:A', 'ACK:B', 'ACK:C']);
    expect(recorded.mostInHand()).toBe(1);
  });

  it('survives broken frames: garbage before VT, a frame without FS, an oversized frame; and keeps answering', async () => {
    const recorded = recordingHandler();
    const { port } = await start(recorded.handler, { maxFrameBytes: 64 });
    const p = await peer(port);
    await p.write(`noise\r\n${VT}GOOD1${FS_CR}`);
    // A frame that never ends: the next VT starts over.
    await p.write(`${VT}LOST-NO-FS${VT}GOOD2${FS_CR}`);
    await p.write(`${VT}MSH|BIG\r${'X'.repeat(200)}${FS_CR}${VT}GOOD3${FS_CR}`);
    expect(await p.waitForAnswers(4)).toEqual(['ACK:GOOD1', 'ACK:GOOD2', 'TOO-BIG:64:MSH|BIG', 'ACK:GOOD3']);
    expect(recorded.problems).toEqual(['garbage', 'unterminated']);
  });

  it('reports a connection dropped mid-frame and takes the next connection as usual', async () => {
    const recorded = recordingHandler();
    const { port } = await start(recorded.handler);
    const first = await peer(port);
    await first.write(`${VT}MSH|HALF-A-MESS`);
    first.destroy();
    await expect.poll(() => recorded.problems, { timeout: 20_000 }).toEqual(['dropped_mid_frame']);
    const second = await peer(port);
    await second.write(mllpFrame('AFTER'));
    expect(await second.waitForAnswers(1)).toEqual(['ACK:AFTER']);
    expect(recorded.seen).toEqual(['AFTER']);
  });

  it('closes the connection without an answer when the handler fails, so the sender resends', async () => {
    const { port } = await start({
      message: () => Promise.reject(new Error('temporal unavailable')),
      oversized: () => Promise.resolve(undefined),
      problem: () => undefined,
    });
    const p = await peer(port);
    await p.write(mllpFrame('M1'));
    await p.closed;
    expect(p.answers).toEqual([]);
  });

  it('a listener stopped while a message is in hand still answers it, then closes the connection', async () => {
    const releases: Array<() => void> = [];
    const recorded = recordingHandler(() => new Promise<void>((resolve) => releases.push(resolve)));
    const { port } = await start(recorded.handler);
    const p = await peer(port);
    await p.write(Buffer.concat(['IN-HAND', 'NEVER'].map(mllpFrame)));
    await expect.poll(() => recorded.seen, { timeout: 20_000 }).toEqual(['IN-HAND']);
    const stopped = server!.close();
    server = undefined;
    releases.shift()!();
    await stopped;
    await p.closed;
    // The second frame was never taken: the sender resends it to the next listener.
    expect([p.answers, recorded.seen]).toEqual([['ACK:IN-HAND'], ['IN-HAND']]);
  });

  it('caps concurrent connections', async () => {
    const { handler } = recordingHandler();
    const { port } = await start(handler, { maxConnections: 1 });
    const first = await peer(port);
    await first.write(mllpFrame('ONE'));
    await first.waitForAnswers(1);
    const second = await peer(port);
    // The listener drops a connection past its cap at accept.
    await second.closed;
    expect(second.answers).toEqual([]);
  });

  it('speaks TLS and, given a CA, takes only senders with a certificate it signed', async () => {
    const certificates = makeTestCertificates(['GOODSAM']);
    const names: string[] = [];
    const { port } = await start(
      {
        message: (text, connection) => {
          names.push(connection.peerCommonName ?? '');
          return Promise.resolve(`ACK:${text}`);
        },
        oversized: () => Promise.resolve(undefined),
        problem: () => undefined,
      },
      { tls: { ...certificates.server, ca: certificates.ca } },
    );
    const trusted = await connectRaw(port, { ca: certificates.ca, ...certificates.clients.GOODSAM, servername: 'localhost' });
    peers.push(trusted);
    await trusted.write(mllpFrame('SECURE'));
    expect(await trusted.waitForAnswers(1)).toEqual(['ACK:SECURE']);
    expect(names).toEqual(['GOODSAM']);
    // Without a client certificate the handshake fails (at connect, or under TLS 1.3 just after): nothing is handled.
    const anonymousAnswers = await connectRaw(port, { ca: certificates.ca, servername: 'localhost' }).then(
      async (anonymous) => {
        peers.push(anonymous);
        await anonymous.write(mllpFrame('ANON')).catch(() => undefined);
        await anonymous.closed;
        return anonymous.answers;
      },
      () => [],
    );
    expect(anonymousAnswers).toEqual([]);
    expect(names).toEqual(['GOODSAM']);
  });
});
