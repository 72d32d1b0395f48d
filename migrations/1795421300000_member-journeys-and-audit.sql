-- Up Migration
-- The journey's current facts, kept by every care-record write (activities/care-record), so the
-- member list, reports and access checks read PostgreSQL and never Temporal visibility per row.
-- `sequence` counts the journey's writes across runs: an older snapshot never overwrites a newer.
CREATE TABLE member_journeys (
  referral_key     text PRIMARY KEY REFERENCES referrals (referral_key),
  member_id        text NOT NULL REFERENCES members (member_id),
  plan             text NOT NULL,
  received_at      timestamptz NOT NULL,
  stage            text NOT NULL,
  ended            boolean NOT NULL DEFAULT false,
  provider_id      text,                     -- the ECM provider currently assigned, if any
  care_manager_id  text,                     -- the member's Lead Care Manager, if named
  overdue          boolean NOT NULL DEFAULT false,
  next_due_at      timestamptz,
  next_due_rule    text,
  sequence         bigint NOT NULL DEFAULT 0,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX member_journeys_member_idx ON member_journeys (member_id, received_at DESC);
CREATE INDEX member_journeys_plan_idx ON member_journeys (plan, member_id);
CREATE INDEX member_journeys_provider_idx ON member_journeys (provider_id, member_id);

-- Who did what to which member's record, and who tried (HIPAA §164.312(b) audit controls; Guide §10).
-- Append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE for every role, owners included.
CREATE TABLE audit_events (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at   timestamptz NOT NULL DEFAULT now(),
  request_id    text NOT NULL,
  actor_id      text NOT NULL,              -- the token's subject; 'anonymous' when no valid token came
  actor_role    text,                       -- plan | provider | ops
  actor_org     text,                       -- the plan code or provider ID the token speaks for
  member_id     text,                       -- opaque; NULL for actions on no member (an ADT batch)
  action        text NOT NULL,              -- the route's operation ID, e.g. getMember, recordCarePlan
  outcome       text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
  reason        text                        -- why a denial was made (machine-readable code)
);
CREATE INDEX audit_events_member_idx ON audit_events (member_id, occurred_at) WHERE member_id IS NOT NULL;
CREATE INDEX audit_events_actor_idx ON audit_events (actor_org, occurred_at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Down Migration
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE member_journeys;
