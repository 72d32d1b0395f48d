/** What the import activities need: the care record, the journeys' door, the keys and the plans' configuration. */
import type { Pool } from 'pg';
import type { Logger } from '../../src/infra/logger';
import type { PlanPolicies } from '../../src/core/plan-policies';
import type { WebhookDependencies } from '../../src/infra/webhooks/webhook-dependencies';
import type { JourneyDoor } from './journey-door';

export interface ImportDependencies {
  readonly pool: Pool;
  readonly log: Logger;
  readonly door: JourneyDoor;
  /** Derives member IDs and referral keys exactly as the API's intake does. */
  readonly memberIdKey: string;
  readonly plans: PlanPolicies;
  /** Rows worked on at once within a batch (default 8): each waits on its journey's Updates. */
  readonly concurrency?: number;
  readonly webhooks?: WebhookDependencies;
}

/** One import, as a row's work sees it. */
export interface ImportScope {
  readonly deps: ImportDependencies;
  readonly importId: string;
  readonly plan: string;
  /** The token subject that sent the file: the actor of every act the import sends. */
  readonly actor: string;
}

/** A row's final outcome. */
export type RowResult = { readonly outcome: 'created' | 'reconciled' | 'unchanged' } | { readonly outcome: 'rejected'; readonly reason: string };
