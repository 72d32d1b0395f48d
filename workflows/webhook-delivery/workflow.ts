/**
 * Delivers one webhook (issue 14 §3): one attempt per activity execution, Temporal retrying it
 * with exponential backoff until the receiver answers 2xx or the retry window (24 h by default)
 * closes; then the delivery is marked failed, for a replay. The HTTP request, its signature and
 * its log live in the activity; this code only decides what happens next.
 */
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { WebhookActivities } from '../../activities/webhooks';
import type { WebhookDeliveryInput } from '../../src/contracts/webhook-delivery';

const bookkeeping = proxyActivities<WebhookActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});

/** The webhook delivery workflow. */
export async function webhookDelivery(input: WebhookDeliveryInput): Promise<'delivered' | 'failed' | 'dropped'> {
  const { retry } = input;
  const delivery = proxyActivities<WebhookActivities>({
    startToCloseTimeout: retry.attemptTimeoutMs,
    scheduleToCloseTimeout: retry.giveUpAfterMs,
    retry: { initialInterval: retry.initialIntervalMs, maximumInterval: retry.maximumIntervalMs, backoffCoefficient: 2, nonRetryableErrorTypes: ['WebhookDropped'] },
  });
  try {
    await delivery.attemptWebhookDelivery({ deliveryId: input.deliveryId });
    return 'delivered';
  } catch (err) {
    const dropped = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === 'WebhookDropped';
    if (dropped) return 'dropped';
    await bookkeeping.markWebhookDeliveryFailed({ deliveryId: input.deliveryId });
    return 'failed';
  }
}
