/**
 * Delivers one request the way a careful client does through an outage: a 5xx, a 429, a network
 * error or a timeout is retried with the very same body and Idempotency-Key until the API either
 * acknowledges it (2xx) or refuses it (4xx). Only those two answers are final.
 */

/** What became of a request. */
export type Delivery =
  | { readonly outcome: 'acknowledged'; readonly status: number; readonly body: unknown; readonly attempts: number }
  | { readonly outcome: 'refused'; readonly status: number; readonly body: unknown; readonly attempts: number }
  | { readonly outcome: 'unresolved'; readonly attempts: number };

/** One request, fixed before the first attempt. */
export interface PlannedRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: unknown;
}

export interface DeliveryOptions {
  /** Longest wait for one answer (default 20 s). */
  readonly requestTimeoutMs?: number;
  /** Give up (unresolved) after this long (default 5 minutes). */
  readonly giveUpAfterMs?: number;
}

/** Sends until acknowledged or refused, or until it gives up. */
export async function deliver(request: PlannedRequest, options: DeliveryOptions = {}): Promise<Delivery> {
  const timeout = options.requestTimeoutMs ?? 20_000;
  const until = Date.now() + (options.giveUpAfterMs ?? 300_000);
  let attempts = 0;
  let pause = 250;
  while (Date.now() < until) {
    attempts += 1;
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: { ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
        ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(timeout),
      });
      const text = await res.text();
      const body: unknown = text ? safeJson(text) : undefined;
      if (res.status >= 200 && res.status < 300) return { outcome: 'acknowledged', status: res.status, body, attempts };
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return { outcome: 'refused', status: res.status, body, attempts };
    } catch {
      // A timeout or a connection error: the request may or may not have taken effect; the
      // Idempotency-Key makes the retry safe either way.
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
    pause = Math.min(pause * 2, 2_000);
  }
  return { outcome: 'unresolved', attempts };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
