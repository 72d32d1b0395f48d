/**
 * Starts the delivery workflow of each pending delivery of an event. The workflow ID is the
 * delivery's, and a start that finds it running (or finished) changes nothing, so an emission
 * retried after a crash starts nothing twice.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdConflictPolicy, WorkflowIdReusePolicy } from '@temporalio/common';
import type { Pool } from 'pg';
import { DEFAULT_WEBHOOK_RETRY, WEBHOOK_DELIVERY_WORKFLOW, webhookDeliveryWorkflowId, type WebhookDeliveryInput } from '../../contracts/webhook-delivery';
import type { WebhookDependencies } from './webhook-dependencies';

/** Starts one delivery's workflow (run `replay` 0 is the first, later ones replays). */
export async function startDelivery(webhooks: WebhookDependencies, deliveryId: string, replay = 0): Promise<void> {
  const input: WebhookDeliveryInput = { deliveryId, retry: webhooks.retry ?? DEFAULT_WEBHOOK_RETRY };
  try {
    await webhooks.client.workflow.start(WEBHOOK_DELIVERY_WORKFLOW, {
      workflowId: webhookDeliveryWorkflowId(deliveryId, replay),
      taskQueue: webhooks.taskQueue,
      args: [input],
      workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  } catch (err) {
    // Already ran to its end: this delivery has had its workflow.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}

/** Starts every pending delivery of the event. */
export async function startPendingDeliveries(pool: Pool, webhooks: WebhookDependencies, eventKey: string): Promise<string[]> {
  const { rows } = await pool.query<{ delivery_id: string }>(`SELECT delivery_id FROM webhook_deliveries WHERE event_key = $1 AND status = 'pending' AND replays = 0 ORDER BY seq`, [eventKey]);
  for (const r of rows) await startDelivery(webhooks, r.delivery_id);
  return rows.map((r) => r.delivery_id);
}
