/** The shape of one route of the API: the route table (./route-table.ts) lists them. */
import type { z } from 'zod';
import type { Role } from '../src/core/roles';

/** Who may call a route, and what they must own. */
export interface RouteAccess {
  readonly roles: readonly Role[];
  /**
   * The plans a plan-role caller acts for, read from the raw request before validation: each must
   * be the caller's own (a plan cannot start a journey or send ADT for another plan).
   */
  readonly plansNamed?: (req: { readonly body?: unknown; readonly query: unknown }) => readonly unknown[];
  /**
   * R-ONE-LCM: when a provider's token names one Lead Care Manager, only the member's own Lead
   * Care Manager may do this (an organisation-wide provider token may act for any of its staff).
   */
  readonly leadCareManagerOnly?: boolean;
  /** R-ONE-LCM: the Lead Care Manager the raw request names; a token of one Lead Care Manager may name only itself. */
  readonly careManagerNamed?: (req: { readonly body?: unknown }) => unknown;
  /** For a route that names its member in the body, not the path: plan and CIN, for the audit row. */
  readonly memberNamed?: (req: { readonly body?: unknown }) => { readonly plan: unknown; readonly cin: unknown };
  /** The handler audits the members it returns itself (a list); the guard then audits only denials. */
  readonly auditsReadsItself?: boolean;
}

/** One route. */
export interface RouteSpec {
  /** Unique; names the handler, the OpenAPI operation and the audit action. */
  readonly operationId: string;
  readonly method: 'get' | 'post' | 'delete';
  /** Express path under the app root, e.g. `/v1/members/:memberId`. */
  readonly path: string;
  readonly summary: string;
  /** Rule IDs the route records or enforces. */
  readonly rules: readonly string[];
  readonly access: RouteAccess;
  readonly body?: z.ZodType;
  /** `text/plain` for HL7 v2 (ER7); `file` for an uploaded file the handler reads itself (issue 12); JSON otherwise. */
  readonly bodyType?: 'json' | 'hl7' | 'file';
  readonly query?: z.ZodType;
  /** The success status. */
  readonly success: 200 | 202;
}
