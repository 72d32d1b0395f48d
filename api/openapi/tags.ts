/** The tags that group the OpenAPI document's operations, and which tag a route of the table has. */
import type { RouteSpec } from '../route-spec';

/** The tags, in the order the reference page shows them. */
export const TAGS = [
  { name: 'Referrals', description: 'A plan starts a member’s ECM journey.' },
  { name: 'Journey actions', description: 'Acts of the plan and the provider that move a member’s journey on; each is checked against the journey’s rules and deadlines.' },
  { name: 'Transitional care', description: 'Transitional Care Services tasks of a hospital stay (R-TCS-*).' },
  { name: 'ADT', description: 'Admission, discharge and transfer feeds that open transitional care.' },
  { name: 'Members', description: 'Reading members’ journeys from the care record.' },
  { name: 'Worklists', description: 'Open and breached deadlines of the caller’s members, soonest first (issue 14).' },
  { name: 'Webhooks', description: 'Event subscriptions, signed per Standard Webhooks, and their delivery log (issue 14).' },
  { name: 'Reports', description: 'The provider’s monthly files from the care record: RTF, OTF, Staffing and Capacity (issue 12), as CSV.' },
  { name: 'Claims', description: 'Getting paid (issue 13): the payable member-months (R-PAY-6U), claim lines as CSV, and claims submitted (R-CLAIMS-60D).' },
  { name: 'Imports', description: 'The plan’s monthly Member Information File, members already in ECM, and the reconciliation items they open (issue 12).' },
  { name: 'Eligibility', description: 'The eligibility engine (R-ELIGIBILITY), without side effects.' },
  { name: 'Operations', description: 'Liveness and metrics; no token needed.' },
  { name: 'Codec', description: 'Payload codec server for the Temporal Web UI (only when the API is configured with a codec).' },
] as const;

type Tag = (typeof TAGS)[number]['name'];

/** The tag of a route of the table; a new kind of path fails the build until it has one. */
export function tagOf(spec: Pick<RouteSpec, 'method' | 'path'>): Tag {
  if (spec.path === '/v1/referrals') return 'Referrals';
  if (spec.path.startsWith('/v1/eligibility/')) return 'Eligibility';
  if (spec.path === '/v1/adt' || spec.path.startsWith('/v1/adt/')) return 'ADT';
  if (spec.path.startsWith('/v1/members/:memberId/transitions/')) return 'Transitional care';
  if (spec.path === '/v1/members' || spec.path === '/v1/members/:memberId' || spec.path === '/v1/notices') return 'Members';
  if (spec.path === '/v1/members/:memberId/fhir') return 'Members';
  if (spec.path === '/v1/members/search' || spec.path === '/v1/members/:memberId/contact' || spec.path === '/v1/members/:memberId/contact-preferences') return 'Members';
  if (spec.path.startsWith('/v1/reports/')) return 'Reports';
  if (spec.path === '/v1/claims' || spec.path.startsWith('/v1/claims/')) return 'Claims';
  if (spec.path === '/v1/worklist') return 'Worklists';
  if (spec.path === '/v1/webhooks' || spec.path.startsWith('/v1/webhooks/')) return 'Webhooks';
  if (spec.path.startsWith('/v1/mif') || spec.path.startsWith('/v1/imports/') || spec.path === '/v1/reconciliation-items') return 'Imports';
  if (spec.method === 'post' && spec.path.startsWith('/v1/members/:memberId/')) return 'Journey actions';
  throw new Error(`no OpenAPI tag for ${spec.method.toUpperCase()} ${spec.path}`);
}
