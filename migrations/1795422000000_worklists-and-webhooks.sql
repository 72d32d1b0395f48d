-- Up Migration
-- Issue 14: the people who do the work. Worklists read deadlines by due instant; providers record
-- contact preferences; organisations subscribe webhooks, delivered one workflow per delivery.

-- GET /v1/worklist walks deadlines still to act on in due order, keyset-paged by
-- (due_at, referral_key, deadline_key): this index answers a page by reading it in order and
-- stopping at the page's end, whatever the number of members.
CREATE INDEX deadlines_worklist_idx ON deadlines (due_at, referral_key, deadline_key)
  WHERE status = 'open' OR (status = 'breached' AND fulfilled_at IS NULL AND closed_without_act IS NULL);

-- The same walk for one rule (`?rule=`), which would otherwise scan every deadline of that rule.
CREATE INDEX deadlines_worklist_rule_idx ON deadlines (rule, due_at, referral_key, deadline_key)
  WHERE status = 'open' OR (status = 'breached' AND fulfilled_at IS NULL AND closed_without_act IS NULL);

-- A Lead Care Manager's worklist starts from their members.
CREATE INDEX member_journeys_care_manager_idx ON member_journeys (care_manager_id) WHERE NOT ended;

-- Guide §8.1 (contact preferences), §8.1.2 (authorization for data sharing), §8.6 (authorized
-- representative / support persons): each recording by the provider, who recorded it and when.
-- Append-only history; the latest row is the member's current preferences. PHI.
CREATE TABLE member_contact_records (
  member_id                  text NOT NULL REFERENCES members (member_id),
  record_key                 text NOT NULL,      -- the Idempotency-Key, or a fingerprint of the body
  seq                        bigint GENERATED ALWAYS AS IDENTITY,
  preferences                jsonb,
  authorized_representative  jsonb,
  data_sharing               jsonb,
  fingerprint                text NOT NULL,
  recorded_by                text NOT NULL,      -- the token's subject
  recorded_by_org            text NOT NULL,
  recorded_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, record_key)
);
CREATE INDEX member_contact_records_latest_idx ON member_contact_records (member_id, seq DESC);

-- Webhook subscriptions of an organisation (a plan or a provider). The signing secret is kept
-- encrypted (AES-256-GCM): it must be recoverable to sign (HMAC), and a copy of the database must
-- not let anyone forge our deliveries.
CREATE TABLE webhook_subscriptions (
  webhook_id         text PRIMARY KEY,
  organisation       text NOT NULL,
  role               text NOT NULL CHECK (role IN ('plan', 'provider')),
  url                text NOT NULL,
  event_types        text[] NOT NULL,
  secret_ciphertext  text NOT NULL,
  created_by         text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  deleted_at         timestamptz
);
CREATE INDEX webhook_subscriptions_org_idx ON webhook_subscriptions (organisation, role) WHERE deleted_at IS NULL;

-- One row per event, keyed by what the event is about (rule facts and identifiers only, no PHI).
CREATE TABLE webhook_events (
  event_key    text PRIMARY KEY,
  event_type   text NOT NULL,
  occurred_at  timestamptz NOT NULL,
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);

-- One delivery per event and subscription; its ID is the Standard Webhooks `webhook-id`, derived
-- from the event key and the subscription, so a repeated emission names the same delivery.
CREATE TABLE webhook_deliveries (
  delivery_id      text PRIMARY KEY,
  webhook_id       text NOT NULL REFERENCES webhook_subscriptions (webhook_id),
  event_key        text NOT NULL REFERENCES webhook_events (event_key),
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_attempt_at  timestamptz,
  last_status      integer,
  last_error       text,
  delivered_at     timestamptz,
  replays          integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, event_key)
);
CREATE INDEX webhook_deliveries_log_idx ON webhook_deliveries (webhook_id, seq DESC);

-- Down Migration
DROP TABLE webhook_deliveries;
DROP TABLE webhook_events;
DROP TABLE webhook_subscriptions;
DROP TABLE member_contact_records;
DROP INDEX member_journeys_care_manager_idx;
DROP INDEX deadlines_worklist_rule_idx;
DROP INDEX deadlines_worklist_idx;
