/** The FHIR export's route (README "FHIR R4 export") and its handler, spread into the route table and app.ts. */
import type { RequestHandler } from 'express';
import type { RouteDependencies } from '../../dependencies';
import type { RouteSpec } from '../../route-spec';
import { getMemberFhir, memberFhirQuery } from './get-member-fhir';

export const FHIR_ROUTES = [
  {
    operationId: 'exportMemberFhir', method: 'get', path: '/v1/members/:memberId/fhir', success: 200,
    summary: 'The member’s ECM record as a FHIR R4 Bundle (collection): EpisodeOfCare, CarePlan, Goal, Task, Encounter, Consent, Communication',
    rules: ['R-OPT-IN', 'R-CAREPLAN-14D', 'R-DENIAL-NOA', 'R-TCS-TASKS'],
    access: { roles: ['plan', 'provider'] },
    query: memberFhirQuery,
  },
] as const satisfies readonly RouteSpec[];

export function fhirHandlers(deps: RouteDependencies): Record<(typeof FHIR_ROUTES)[number]['operationId'], RequestHandler> {
  return { exportMemberFhir: getMemberFhir(deps) };
}
