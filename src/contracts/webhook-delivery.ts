/**
 * The webhook delivery workflow's contract (issue 14 §3), shared by the activity that starts it,
 * the API's replay, and the workflow. One workflow per delivery: a slow or dead receiver retries
 * on its own clock and never holds up another organisation's deliveries, and a delivery's ID makes
 * its workflow ID, so a repeated start is a no-op.
 */

/** The workflow type. */
export const WEBHOOK_DELIVERY_WORKFLOW = 'webhookDelivery';

/** The events organisations may subscribe to. */
export const WEBHOOK_EVENT_TYPES = [
  'deadline.due_soon',
  'deadline.breached',
  'deadline.breach_withdrawn',
  'notice_of_action.issued',
  'transitional_care.started',
  'reconciliation.opened',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How a delivery retries. Defaults: 10 s doubling to 1 h between attempts, for up to 24 h. */
export interface WebhookRetry {
  readonly initialIntervalMs: number;
  readonly maximumIntervalMs: number;
  /** How long one attempt (one HTTP request) may take before Temporal retries it. */
  readonly attemptTimeoutMs: number;
  /** How long the delivery keeps trying in all. */
  readonly giveUpAfterMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = {
  initialIntervalMs: 10_000,
  maximumIntervalMs: 3_600_000,
  attemptTimeoutMs: 30_000,
  giveUpAfterMs: 24 * 3_600_000,
};

/** The workflow's input: which delivery, and how to retry it. */
export interface WebhookDeliveryInput {
  readonly deliveryId: string;
  readonly retry: WebhookRetry;
}

/** The workflow ID of a delivery's first run, or of its `replay`th replay. */
export function webhookDeliveryWorkflowId(deliveryId: string, replay = 0): string {
  return replay === 0 ? `webhook-delivery-${deliveryId}` : `webhook-delivery-${deliveryId}-replay-${replay}`;
}
