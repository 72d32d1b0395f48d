/** Success answers of issue 14's routes (worklists, contact and lookup, webhooks), for the OpenAPI document. */
import { z } from 'zod';
import { WEBHOOK_EVENT_TYPES } from '../../src/contracts/webhook-delivery';
import type { PeopleAtWorkOperationId } from '../routes/people-at-work';
import { memberIdSchema } from './response-schemas';

const nextCursor = z.string().optional().meta({ description: 'Pass as `cursor` for the next page; absent on the last page.' });
const recorded = { at: z.string(), recordedBy: z.string(), recordedByOrganisation: z.string(), recordedAt: z.string() };

const worklist = z.object({
  items: z.array(z.object({
    rule: z.string(), act: z.string(), source: z.string().optional(), dueAt: z.string(),
    status: z.enum(['overdue', 'due_soon', 'open']), responsibleParty: z.enum(['plan', 'provider', 'lead_care_manager']),
    memberId: memberIdSchema, stage: z.string(), plan: z.string(), providerId: z.string().optional(), leadCareManagerId: z.string().optional(),
    deadlineKey: z.string(), pendingTasks: z.array(z.string()).optional(), links: z.object({ journey: z.string() }),
  })),
  nextCursor,
});

const memberFound = z.object({ members: z.array(z.object({ memberId: memberIdSchema, plan: z.string(), stage: z.string().optional(), ended: z.boolean(), providerId: z.string().optional(), leadCareManagerId: z.string().optional(), links: z.object({ journey: z.string(), contact: z.string() }) })) });

const contact = z.object({
  memberId: memberIdSchema,
  name: z.object({ given: z.string(), family: z.string() }),
  language: z.string().optional(), phone: z.string().optional(), email: z.string().optional(), address: z.string().optional(),
  contactPreferences: z.looseObject(recorded).nullable(),
  authorizedRepresentative: z.looseObject(recorded).nullable(),
  dataSharingAuthorization: z.looseObject(recorded).nullable(),
}).meta({ description: 'PHI: every read is audited.' });

const subscription = { webhookId: z.string(), url: z.string(), eventTypes: z.array(z.enum(WEBHOOK_EVENT_TYPES)), createdAt: z.string(), createdBy: z.string(), links: z.object({ deliveries: z.string() }) };

const delivery = z.object({
  deliveryId: z.string().meta({ description: 'The Standard Webhooks `webhook-id`: one per event and subscription, the same on every retry and replay.' }),
  eventType: z.enum(WEBHOOK_EVENT_TYPES), status: z.enum(['pending', 'delivered', 'failed']), attempts: z.number().int(),
  lastAttemptAt: z.string().optional(), lastStatus: z.number().int().optional(), lastError: z.string().optional(), deliveredAt: z.string().optional(),
  replays: z.number().int(), createdAt: z.string(), payload: z.looseObject({ type: z.string(), timestamp: z.string(), data: z.record(z.string(), z.unknown()) }),
});

/** Description and schema of each operation's success answer. */
export const PEOPLE_AT_WORK_SUCCESS: Record<PeopleAtWorkOperationId, { readonly description: string; readonly schema: z.ZodType }> = {
  listWorklist: { description: 'One page of the worklist, soonest due first.', schema: worklist },
  searchMembers: { description: 'The member found, if the caller may see them; else none.', schema: memberFound },
  getMemberContact: { description: 'The member’s contact details.', schema: contact },
  recordContactPreferences: { description: 'Recorded (or the first recording under this Idempotency-Key).', schema: z.object({ memberId: memberIdSchema, recorded: z.object(recorded), links: z.object({ contact: z.string() }) }) },
  createWebhook: { description: 'The subscription, with its signing secret (answered only now).', schema: z.object({ ...subscription, secret: z.string().meta({ description: 'Standard Webhooks secret, `whsec_…`.' }) }) },
  listWebhooks: { description: 'Your organisation’s subscriptions (no secrets).', schema: z.object({ webhooks: z.array(z.object(subscription)) }) },
  deleteWebhook: { description: 'Deleted.', schema: z.object({ webhookId: z.string(), deleted: z.literal(true) }) },
  listWebhookDeliveries: { description: 'One page of the delivery log, newest first.', schema: z.object({ deliveries: z.array(delivery), nextCursor }) },
  replayWebhookDelivery: { description: 'Accepted: the delivery is being sent again.', schema: z.object({ deliveryId: z.string(), status: z.literal('pending'), replay: z.number().int() }) },
};
