/** Issue 14 §3: webhook subscriptions and their delivery log, route-table entries and handlers. */
import type { RequestHandler } from 'express';
import type { RouteSpec } from '../../route-spec';
import type { RouteDependencies } from '../../dependencies';
import { replayWebhookDelivery, listWebhookDeliveries } from './deliveries';
import { createWebhook, deleteWebhook, listWebhooks } from './subscriptions';
import { createWebhookBody, listDeliveriesQuery } from './webhook-schema';

// Subscriptions belong to organisations that act: plans and providers. Handlers audit themselves.
const ORGANISATIONS = { roles: ['plan', 'provider'], auditsReadsItself: true } as const;

export const WEBHOOK_ROUTES = [
  {
    operationId: 'createWebhook', method: 'post', path: '/v1/webhooks', success: 200,
    summary: 'Subscribe a webhook URL of your organisation to events; the signing secret is answered once',
    rules: [], access: ORGANISATIONS, body: createWebhookBody,
  },
  { operationId: 'listWebhooks', method: 'get', path: '/v1/webhooks', success: 200, summary: 'Your organisation’s webhook subscriptions', rules: [], access: ORGANISATIONS },
  { operationId: 'deleteWebhook', method: 'delete', path: '/v1/webhooks/:webhookId', success: 200, summary: 'Delete a webhook subscription', rules: [], access: ORGANISATIONS },
  {
    operationId: 'listWebhookDeliveries', method: 'get', path: '/v1/webhooks/:webhookId/deliveries', success: 200,
    summary: 'The delivery log of a subscription, newest first', rules: [], access: ORGANISATIONS, query: listDeliveriesQuery,
  },
  {
    operationId: 'replayWebhookDelivery', method: 'post', path: '/v1/webhooks/:webhookId/deliveries/:deliveryId/replay', success: 202,
    summary: 'Send a failed delivery again, under the same delivery ID', rules: [], access: ORGANISATIONS,
  },
] as const satisfies readonly RouteSpec[];

export function webhookHandlers(deps: RouteDependencies): Record<(typeof WEBHOOK_ROUTES)[number]['operationId'], RequestHandler> {
  return {
    createWebhook: createWebhook(deps),
    listWebhooks: listWebhooks(deps),
    deleteWebhook: deleteWebhook(deps),
    listWebhookDeliveries: listWebhookDeliveries(deps),
    replayWebhookDelivery: replayWebhookDelivery(deps),
  };
}
