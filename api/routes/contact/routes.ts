/** Issue 14 §2: member contact and lookup, route-table entries and handlers. */
import type { RequestHandler } from 'express';
import type { RouteSpec } from '../../route-spec';
import type { RouteDependencies } from '../../dependencies';
import { contactPreferencesBody } from './contact-schema';
import { getMemberContact } from './get-member-contact';
import { postContactPreferences } from './post-contact-preferences';
import { memberSearchBody, searchMembers } from './search-members';

export const CONTACT_ROUTES = [
  {
    operationId: 'searchMembers', method: 'post', path: '/v1/members/search', success: 200,
    summary: 'Find a member by CIN or by the plan’s referral ID (identifiers in the body, never the URL)',
    rules: [],
    access: { roles: ['plan', 'provider', 'ops'], auditsReadsItself: true, plansNamed: (req) => [(req.body as { plan?: unknown } | undefined)?.plan] },
    body: memberSearchBody,
  },
  {
    operationId: 'getMemberContact', method: 'get', path: '/v1/members/:memberId/contact', success: 200,
    summary: 'The member’s name, phone, address, language, contact preferences and authorized representative (PHI; audited)',
    rules: [], access: { roles: ['plan', 'provider'] },
  },
  {
    operationId: 'recordContactPreferences', method: 'post', path: '/v1/members/:memberId/contact-preferences', success: 200,
    summary: 'Record the member’s contact preferences, authorized representative and data-sharing authorization',
    rules: [], access: { roles: ['provider'] }, body: contactPreferencesBody,
  },
] as const satisfies readonly RouteSpec[];

export function contactHandlers(deps: RouteDependencies): Record<(typeof CONTACT_ROUTES)[number]['operationId'], RequestHandler> {
  return { searchMembers: searchMembers(deps), getMemberContact: getMemberContact(deps), recordContactPreferences: postContactPreferences(deps) };
}
