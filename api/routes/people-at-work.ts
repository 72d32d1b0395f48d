/**
 * Issue 14's routes (worklists, member contact and lookup, webhooks), so the route table and the
 * app each take them in one line.
 */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../dependencies';
import { WORKLIST_ROUTES, worklistHandlers } from './worklist/routes';
import { CONTACT_ROUTES, contactHandlers } from './contact/routes';
import { WEBHOOK_ROUTES, webhookHandlers } from './webhooks/routes';

export const PEOPLE_AT_WORK_ROUTES = [...WORKLIST_ROUTES, ...CONTACT_ROUTES, ...WEBHOOK_ROUTES] as const;

/** One of their operation IDs. */
export type PeopleAtWorkOperationId = (typeof PEOPLE_AT_WORK_ROUTES)[number]['operationId'];

export function peopleAtWorkHandlers(deps: RouteDependencies): Record<PeopleAtWorkOperationId, RequestHandler> {
  return { ...worklistHandlers(deps), ...contactHandlers(deps), ...webhookHandlers(deps) };
}
