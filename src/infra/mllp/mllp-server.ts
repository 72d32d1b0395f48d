/**
 * An MLLP listener: TCP, or TLS when given a certificate. Each connection's frames are answered one
 * at a time, in order: the next frame is not handled until the answer to the one before is written,
 * and the socket stops reading while a frame is being handled, so a slow care record or Temporal
 * slows the sender down (TCP back-pressure) instead of filling memory. Connections are capped.
 *
 * The handler answers a frame with the bytes to send back (its ACK), or `undefined` to close the
 * connection without answering (the sender then resends, which intake makes harmless).
 */
import net from 'node:net';
import tls from 'node:tls';
import { type MllpFrameEvent, MllpFramer, mllpFrame } from './mllp-framer';

/** One connection, as the handler sees it: an ID for logs, the TLS peer when there is one, and state to bind. */
export interface MllpConnection {
  readonly id: number;
  /** The client certificate's subject CN, when TLS asked for and verified one. */
  readonly peerCommonName?: string;
  /** Free for the handler: e.g. the feed this connection is bound to. */
  binding?: string;
}

/** What the listener does with frames and the problems around them. */
export interface MllpHandler {
  /** Answers one framed message (its text, decoded as UTF-8). */
  message(text: string, connection: MllpConnection): Promise<string | undefined>;
  /** Answers a frame cut off at the size limit (only its first line is given). */
  oversized(mshLine: string, limit: number, connection: MllpConnection): Promise<string | undefined>;
  /** A problem worth a log line: garbage skipped, a frame never ended, a handler failure. */
  problem(what: 'garbage' | 'unterminated' | 'dropped_mid_frame' | 'handler_failed', connection: MllpConnection, detail: { bytes?: number; err?: unknown }): void;
}

export interface MllpServerOptions {
  readonly port: number;
  readonly host: string;
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer; readonly ca?: string | Buffer };
  /** Longest frame taken; longer ones are answered by `oversized`. Default 1 MiB. */
  readonly maxFrameBytes?: number;
  /** Most connections at once; more are refused at accept. Default 32. */
  readonly maxConnections?: number;
  /** An idle connection is closed after this long. Default 10 minutes. */
  readonly idleTimeoutMs?: number;
}

/** A running listener. */
export interface MllpServer {
  readonly port: number;
  /** Stops accepting, ends open connections once their frame in hand is answered, and resolves when closed. */
  close(): Promise<void>;
}

/** Starts a listener. */
export async function startMllpServer(options: MllpServerOptions, handler: MllpHandler): Promise<MllpServer> {
  const maxFrameBytes = options.maxFrameBytes ?? 1024 * 1024;
  const open = new Map<net.Socket, () => void>();
  let nextId = 1;
  const onSocket = (socket: net.Socket): void => {
    open.set(socket, serve(socket, nextId++, handler, maxFrameBytes, options.idleTimeoutMs ?? 600_000));
    socket.on('close', () => open.delete(socket));
  };
  const server = options.tls
    ? tls.createServer(
        { cert: options.tls.cert, key: options.tls.key, ...(options.tls.ca ? { ca: options.tls.ca, requestCert: true, rejectUnauthorized: true } : {}) },
        onSocket,
      )
    : net.createServer(onSocket);
  server.maxConnections = options.maxConnections ?? 32;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const endWhenIdle of open.values()) endWhenIdle();
      }),
  };
}

/** Serves one connection; returns how to end it once the frame in hand (if any) is answered. */
function serve(socket: net.Socket, id: number, handler: MllpHandler, maxFrameBytes: number, idleTimeoutMs: number): () => void {
  const peer = socket instanceof tls.TLSSocket ? socket.getPeerCertificate() : undefined;
  const commonName = peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined;
  const connection: MllpConnection = { id, ...(commonName ? { peerCommonName: commonName } : {}) };
  const framer = new MllpFramer(maxFrameBytes);
  const queue: MllpFrameEvent[] = [];
  let busy = false;
  let closed = false;
  let ending = false;
  socket.setTimeout(idleTimeoutMs, () => socket.end());
  socket.on('error', () => socket.destroy());
  socket.on('close', () => {
    closed = true;
    if (framer.pendingBytes > 0) handler.problem('dropped_mid_frame', connection, { bytes: framer.pendingBytes });
  });
  socket.on('data', (chunk: Buffer) => {
    queue.push(...framer.push(chunk));
    void drain();
  });
  return () => {
    ending = true;
    if (!busy) socket.end();
  };

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    // Back-pressure: nothing more is read while a frame is in hand.
    socket.pause();
    try {
      for (let event = queue.shift(); event !== undefined && !closed && !ending; event = queue.shift()) {
        const answer = await answerOf(event);
        if (closed) return;
        if (answer === null) continue;
        if (answer === undefined) {
          socket.destroy();
          return;
        }
        await new Promise<void>((resolve) => socket.write(mllpFrame(answer), () => resolve()));
      }
    } finally {
      busy = false;
      if (ending) socket.end();
      else if (!closed) socket.resume();
    }
  }

  /** The answer to an event: text to send, `undefined` to close, `null` for nothing to send. */
  async function answerOf(event: MllpFrameEvent): Promise<string | undefined | null> {
    try {
      switch (event.kind) {
        case 'frame':
          return await handler.message(event.message.toString('utf8'), connection);
        case 'oversized':
          return await handler.oversized(event.mshLine.toString('utf8'), event.limit, connection);
        case 'garbage':
        case 'unterminated':
          handler.problem(event.kind, connection, { bytes: event.bytes });
          return null;
      }
    } catch (err) {
      handler.problem('handler_failed', connection, { err });
      return undefined;
    }
  }
}
