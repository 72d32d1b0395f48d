/**
 * A real HTTP receiver for webhook tests (node:http on a loopback port): it keeps every request
 * as received, answers as the test says, and can go down and come back on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as received. */
export interface Received {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** How the receiver answers the next request: a status, or hold it (`hang`) until released. */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** What the next requests get (default 204). */
  answer: (req: Received) => Answer;
  /** Held requests: answer them with this status (the crash test lets them go). */
  release(status: number): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const held: ServerResponse[] = [];
  let server: Server | undefined;
  let port = 0;
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    answer: () => 204,
    release(status) {
      for (const res of held.splice(0)) if (!res.writableEnded && !res.destroyed) res.writeHead(status).end();
    },
    async stop() {
      const s = server;
      server = undefined;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    async start() {
      const s = createServer((req: IncomingMessage, res: ServerResponse) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const got = { headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks).toString('utf8') };
          receiver.received.push(got);
          const answer = receiver.answer(got);
          if (answer === 'hang') held.push(res);
          else res.writeHead(answer).end();
        });
      });
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
      port = (s.address() as AddressInfo).port;
      server = s;
      (receiver as { url: string }).url = `http://127.0.0.1:${port}/ecm-webhooks`;
    },
  };
  await receiver.start();
  return receiver;
}
