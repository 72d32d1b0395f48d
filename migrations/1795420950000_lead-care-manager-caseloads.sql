-- Up Migration
-- Which Lead Care Manager serves which member (R-ONE-LCM), and so every Lead Care Manager's
-- caseload across all plans (R-CASELOAD-50). A row is active while released_at is null.
CREATE TABLE lead_care_manager_assignments (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reservation_key   text NOT NULL UNIQUE,        -- the naming request's idempotency key
  member_id         text NOT NULL,
  care_manager_id   text NOT NULL,
  plan              text NOT NULL,
  provider_id       text NOT NULL,
  assigned_at       timestamptz NOT NULL,
  released_at       timestamptz,
  release_reason    text,
  replaced_by_key   text                         -- set when a later naming replaced this one
);
-- R-ONE-LCM: at most one active Lead Care Manager per member, whatever races the API runs.
CREATE UNIQUE INDEX lcm_assignments_one_active_per_member ON lead_care_manager_assignments (member_id) WHERE released_at IS NULL;
CREATE INDEX lcm_assignments_active_by_care_manager ON lead_care_manager_assignments (care_manager_id) WHERE released_at IS NULL;

-- Down Migration
DROP TABLE lead_care_manager_assignments;
