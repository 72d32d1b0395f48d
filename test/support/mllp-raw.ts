/**
 * A raw TCP (or TLS) MLLP peer for tests that must send what no well-behaved HL7 client would:
 * garbage, frames without FS, oversized frames, a connection cut mid-frame. Answers are read with
 * the listener's own framer; their count and order are what the tests check.
 */
import net from 'node:net';
import tls from 'node:tls';
import { vi } from 'vitest';
import { MllpFramer } from '../../src/infra/mllp/mllp-framer';

export interface RawMllpPeer {
  readonly socket: net.Socket;
  /** Every answer received so far, in order. */
  readonly answers: readonly string[];
  write(bytes: Buffer | string): Promise<void>;
  /** Waits until `count` answers have arrived (generous timeout: CI is loaded). */
  waitForAnswers(count: number): Promise<readonly string[]>;
  /** Resolves when the listener has closed the connection. */
  closed: Promise<void>;
  destroy(): void;
}

/** Connects to a listener on loopback. */
export async function connectRaw(port: number, tlsOptions?: tls.ConnectionOptions): Promise<RawMllpPeer> {
  const socket: net.Socket = await new Promise((resolve, reject) => {
    const s = tlsOptions
      ? tls.connect({ host: '127.0.0.1', port, ...tlsOptions }, () => resolve(s))
      : net.connect({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  const framer = new MllpFramer(16 * 1024 * 1024);
  const answers: string[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const event of framer.push(chunk)) if (event.kind === 'frame') answers.push(event.message.toString('utf8'));
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return {
    socket,
    answers,
    write: (bytes) => new Promise<void>((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve()))),
    waitForAnswers: (count) =>
      vi.waitFor(
        () => {
          if (answers.length < count) throw new Error(`${answers.length} of ${count} answers`);
          return answers;
        },
        { timeout: 20_000, interval: 20 },
      ),
    closed,
    destroy: () => socket.destroy(),
  };
}

/** MSA-1 and MSA-2 of an ACK: `['AA', 'CTRL-1']`. */
export function msaOf(ack: string): [string, string] {
  const msa = ack.split('\r').find((segment) => segment.startsWith('MSA|'))?.split('|') ?? [];
  return [msa[1] ?? '', msa[2] ?? ''];
}
