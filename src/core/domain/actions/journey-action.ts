/**
 * A journey action, defined once: its name, the stages it applies in, its pure check and
 * transition, and the route that carries it (path, roles, rules, body). The workflow's Update
 * handlers, the Update definitions, the route table (so the router, the OpenAPI document and the
 * access matrix) and the care-record projection are all built from the list of these
 * (./journey-actions.ts), so adding an action is one module and one line of that list.
 *
 * The body schema is a function of a {@link RequestKit} the API hands in: this module imports only
 * zod's types, so zod never enters the workflow bundle.
 */
import type { z } from 'zod';
import type { MemberFacts } from '../../eligibility';
import type { Role } from '../../roles';
import type { JourneyStage } from '../journey-stage';
import type { JourneyState } from '../journey-state';
import type { RuleReadings } from '../rule-readings';
import type { ActionEnvelope, Transition } from './action-support';

/** The schema parts every request body is built from: each refuses unsafe text and absurd dates. */
export interface RequestKit {
  readonly z: typeof z;
  /** A trimmed, bounded string refused for control characters (api/text.ts). */
  readonly text: (bounds: { readonly max: number; readonly min?: number }) => z.ZodString;
  /** An ISO 8601 instant with an explicit offset, in a sane year range. */
  readonly instant: z.ZodType<string>;
  /** A `YYYY-MM-DD` date in a sane year range. */
  readonly date: z.ZodType<string>;
  /** R-ELIGIBILITY's member facts. */
  readonly memberFacts: z.ZodType<MemberFacts>;
  /** A refinement's options for a reason the rules require (answered `reason_required`). */
  readonly reasonRequired: (message: string) => { readonly path: string[]; readonly message: string; readonly params: { readonly code: string } };
}

/**
 * The care record's event-keyed tables, one row per accepted act; an action names the one its
 * event feeds (activities/care-record/project-care-record.ts writes it).
 */
export type CareRecordProjection = 'lead-care-manager-naming' | 'outreach-attempt' | 'opt-in' | 'opt-out' | 'assessment-delay' | 'care-plan-revision' | 'community-referral' | 'service';

/** Work the API must hold before the journey sees the act, undone if the journey refuses it. */
export type RouteReservation = 'caseload-slot';

/** The REST route of an action, under `/v1/members/:memberId/`. */
export interface JourneyActionRoute<I extends ActionEnvelope, S extends z.ZodType> {
  readonly path: string;
  readonly summary: string;
  readonly roles: readonly Role[];
  /** Rule IDs the route records or enforces (the OpenAPI document lists them). */
  readonly rules: readonly string[];
  /** R-ONE-LCM: a token naming one Lead Care Manager may act only for that manager's own members. */
  readonly leadCareManagerOnly?: true;
  /** R-ONE-LCM: the Lead Care Manager the raw body names; a token of one Lead Care Manager may name only itself. */
  careManagerNamed?(body: unknown): unknown;
  readonly reserves?: RouteReservation;
  body(kit: RequestKit): S;
  /**
   * The Update's input from the validated body, the request's idempotency key and the path's
   * parameters other than `memberId` (each checked for unsafe text; e.g. `communityReferralId`).
   */
  toInput(body: z.output<S>, actionKey: string, params?: Readonly<Record<string, string>>): Omit<I, 'actor'>;
}

/** An action the journey handles as an Update of its own name. */
export interface JourneyAction<N extends string = string, I extends ActionEnvelope = ActionEnvelope, S extends z.ZodType = z.ZodType> {
  /** The Update's name and the route's operation ID. */
  readonly name: N;
  /**
   * The act's name in the care record (`journey_events.kind`), in the journey's idempotency memory
   * and in the Update ID. Stored in running journeys and in the record, so it never changes.
   */
  readonly eventKind: string;
  /** The stages the action applies in; its check refuses it in any other with `wrong_stage`. */
  readonly stages: readonly JourneyStage[];
  // Methods, not function-typed properties: an action of a narrower input must still fit the list's type.
  /** The Update's validator: throws a JourneyRuleViolation for what the rules forbid. */
  check(state: JourneyState, input: I, nowMs: number): void;
  /** The Update's handler: the next state, its effects and the caller's answer. */
  apply(state: JourneyState, input: I, nowMs: number, readings: RuleReadings): Transition;
  readonly route?: JourneyActionRoute<I, S>;
  readonly projection?: CareRecordProjection;
}

/** A route that feeds another action's Update with input of its own (the journey sees that action). */
export interface JourneyActionAlias<N extends string = string, I extends ActionEnvelope = ActionEnvelope, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  /** The route's own idempotency namespace (see {@link JourneyAction.eventKind}). */
  readonly eventKind: string;
  readonly via: JourneyAction<string, I>;
  readonly route: JourneyActionRoute<I, S>;
}

/** Defines an action; the identity, there to infer its types. */
export function journeyAction<N extends string, I extends ActionEnvelope, S extends z.ZodType>(action: JourneyAction<N, I, S>): JourneyAction<N, I, S> {
  return action;
}

/** Defines a route onto another action's Update. */
export function journeyActionAlias<N extends string, I extends ActionEnvelope, S extends z.ZodType>(alias: JourneyActionAlias<N, I, S>): JourneyActionAlias<N, I, S> {
  return alias;
}

/** True for an alias (a route onto another action's Update). */
export function isAlias(entry: JourneyAction | JourneyActionAlias): entry is JourneyActionAlias {
  return 'via' in entry;
}
