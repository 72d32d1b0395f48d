import type { Client } from '@temporalio/client';
import type { WebhookRetry } from '../../contracts/webhook-delivery';

/** What webhook activities need beyond the care record. */
export interface WebhookDependencies {
  /** Starts delivery workflows (the activity that emits an event starts them itself). */
  readonly client: Client;
  /** The task queue delivery workflows run on. */
  readonly taskQueue: string;
  /** Opens the subscriptions' signing secrets (src/infra/webhooks/secret-box.ts). */
  readonly secretKey: Buffer;
  /** How deliveries retry (default: DEFAULT_WEBHOOK_RETRY). */
  readonly retry?: WebhookRetry;
}
