-- Up Migration
-- The care record (Guide §10): what the journeys did, kept outside Temporal for audit and reports.
-- Every table that activities write has a natural unique key, so a retried activity leaves one row.

CREATE TABLE members (
  member_id      text PRIMARY KEY,           -- opaque, derived from plan + CIN by a keyed hash
  plan           text NOT NULL,
  cin            text NOT NULL,              -- PHI
  given_name     text NOT NULL,              -- PHI
  family_name    text NOT NULL,              -- PHI
  date_of_birth  date NOT NULL,              -- PHI
  language       text,
  contact        jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan, cin)
);

CREATE TABLE referrals (
  referral_key           text PRIMARY KEY,   -- keyed hash of plan + referral ID; identifies the journey
  plan                   text NOT NULL,
  referral_id            text NOT NULL,
  member_id              text NOT NULL REFERENCES members (member_id),
  received_at            timestamptz NOT NULL,
  source                 text NOT NULL CHECK (source IN ('community', 'provider', 'self', 'mif', 'continuity_of_care')),
  expedited              boolean NOT NULL,
  presumptive            boolean NOT NULL,
  referring_provider_id  text,
  populations_of_focus   text[] NOT NULL DEFAULT '{}',
  recorded_at            timestamptz NOT NULL DEFAULT now(),
  UNIQUE (plan, referral_id)
);
CREATE INDEX referrals_member_idx ON referrals (member_id);

CREATE TABLE journey_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id     text NOT NULL REFERENCES members (member_id),
  referral_key  text NOT NULL REFERENCES referrals (referral_key),
  event_key     text NOT NULL,              -- the action's idempotency key, or breach:<deadline>
  kind          text NOT NULL,
  stage         text NOT NULL,
  occurred_at   timestamptz NOT NULL,
  detail        jsonb NOT NULL DEFAULT '{}'::jsonb,
  recorded_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (referral_key, event_key)
);
CREATE INDEX journey_events_member_idx ON journey_events (member_id, occurred_at);

CREATE TABLE deadlines (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  deadline_key   text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  rule           text NOT NULL,
  party          text NOT NULL,
  started_at     timestamptz NOT NULL,
  due_at         timestamptz NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'met', 'breached', 'cancelled')),
  fulfilled_at   timestamptz,
  breached_at    timestamptz,
  cancelled_at   timestamptz,
  cancel_reason  text,
  closed_without_act text,                  -- a breach no late act will follow, and why
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, deadline_key)
);
CREATE INDEX deadlines_open_idx ON deadlines (due_at) WHERE status = 'open';
CREATE INDEX deadlines_overdue_idx ON deadlines (rule) WHERE status = 'breached' AND fulfilled_at IS NULL AND closed_without_act IS NULL;

CREATE TABLE notices_of_action (
  notice_key     text PRIMARY KEY,
  member_id      text NOT NULL REFERENCES members (member_id),
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  notice_type    text NOT NULL CHECK (notice_type IN ('denial', 'discontinuation')),
  reason         text NOT NULL,
  decided_at     timestamptz NOT NULL,
  recipients     text[] NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz                -- set by the mailing integration when it hands the notice off
);

-- Outbox of escalations to the party responsible for a breached deadline; the delivery channel
-- (plan portal, secure e-mail, SFTP) reads from here.
CREATE TABLE deadline_escalations (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  deadline_key   text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  rule           text NOT NULL,
  party          text NOT NULL,
  plan           text NOT NULL,
  provider_id    text,
  due_at         timestamptz NOT NULL,
  breached_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  delivered_at   timestamptz,
  PRIMARY KEY (referral_key, deadline_key)
);

-- Down Migration
DROP TABLE deadline_escalations;
DROP TABLE notices_of_action;
DROP TABLE deadlines;
DROP TABLE journey_events;
DROP TABLE referrals;
DROP TABLE members;
