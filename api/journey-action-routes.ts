/**
 * The journey actions' routes, built from the action list (src/core/domain/actions/journey-actions.ts):
 * one route per routed action under `/v1/members/:memberId/`, and its handler.
 */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { JOURNEY_ACTIONS, type JourneyActionEntry } from '../src/core/domain/actions/journey-actions';
import type { ActionEnvelope, JourneyActionRoute, RouteReservation } from '../src/core/domain/actions';
import { updateOf } from '../src/contracts/member-journey';
import type { RouteDependencies } from './dependencies';
import { REQUEST_KIT } from './request-kit';
import type { RouteSpec } from './route-spec';
import { actOnJourney, type Reservation } from './routes/act-on-journey';
import { reserveCaseloadSlot } from './routes/reserve-caseload-slot';

type RoutedEntry = Extract<JourneyActionEntry, { readonly route: unknown }>;
/** The operation ID of a routed journey action: the action's name. */
export type JourneyActionOperationId = RoutedEntry['name'];

const ROUTED = JOURNEY_ACTIONS.filter((entry): entry is RoutedEntry => 'route' in entry && entry.route !== undefined);

function routeOf(entry: RoutedEntry): JourneyActionRoute<ActionEnvelope, z.ZodType> {
  return entry.route;
}

/** Each action's body schema, built once. */
const BODIES = new Map<string, z.ZodType>(ROUTED.map((entry) => [entry.name, routeOf(entry).body(REQUEST_KIT)]));

/** The route table's entries for the journey actions, in the list's order. */
export const JOURNEY_ACTION_ROUTES: readonly (RouteSpec & { readonly operationId: JourneyActionOperationId })[] = ROUTED.map((entry) => {
  const route = routeOf(entry);
  return {
    operationId: entry.name,
    method: 'post',
    path: `/v1/members/:memberId/${route.path}`,
    summary: route.summary,
    rules: route.rules,
    access: {
      roles: route.roles,
      ...(route.leadCareManagerOnly ? { leadCareManagerOnly: true } : {}),
      ...(route.careManagerNamed ? { careManagerNamed: (req: { readonly body?: unknown }) => route.careManagerNamed!(req.body) } : {}),
    },
    body: BODIES.get(entry.name)!,
    success: 200,
  };
});

const RESERVATIONS: Readonly<Record<RouteReservation, (deps: RouteDependencies) => Reservation>> = {
  'caseload-slot': reserveCaseloadSlot,
};

/** Each routed action's handler, by operation ID. */
export function journeyActionHandlers(deps: RouteDependencies): Record<JourneyActionOperationId, RequestHandler> {
  return Object.fromEntries(
    ROUTED.map((entry) => {
      const route = routeOf(entry);
      return [entry.name, actOnJourney(deps, {
        eventKind: entry.eventKind,
        route,
        body: BODIES.get(entry.name)!,
        update: updateOf(entry),
        ...(route.reserves ? { reserve: RESERVATIONS[route.reserves](deps) } : {}),
      })];
    }),
  ) as Record<JourneyActionOperationId, RequestHandler>;
}
