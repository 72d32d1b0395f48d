-- Up Migration
-- Lead Care Manager caseloads (R-CASELOAD-50, R-ONE-LCM), written only through src/caseload.
--
-- Two phases. The API RESERVES a slot before it asks the member's journey to name a Lead Care
-- Manager: a pending row (confirmed_at IS NULL) that already counts against the new Lead Care
-- Manager. The journey then CONFIRMS it through an activity (the row becomes the member's active
-- assignment and the previous one is released as 'replaced', in one transaction), or the API
-- CANCELS it when the journey refused the naming (the pending row is deleted). Until a change of
-- Lead Care Manager is confirmed the previous assignment stays active and keeps its slot, so a
-- cancelled change has nothing to restore and can never push the previous Lead Care Manager past
-- the limit; a member briefly counts against both, which errs on the safe side.
--
-- Caseload of a Lead Care Manager = distinct members over its open rows (released_at IS NULL),
-- pending or active, across all plans (Guide §4.6).
--
-- Concurrency: a reservation locks its Lead Care Manager's row in lead_care_managers
-- (INSERT ... ON CONFLICT DO NOTHING, then SELECT ... FOR UPDATE) and counts and inserts in the
-- same transaction, so reservations for one Lead Care Manager run one after another. Nothing else
-- ever adds to a caseload (confirm, cancel and release only keep or lower counts), so that lock
-- alone bounds every caseload by the limit. Confirm and release serialise per member with a
-- transaction-level advisory lock; each transaction takes at most one of these locks, so they
-- cannot deadlock. The partial unique index below is the last word on R-ONE-LCM.
--
-- member_id has no foreign key to members: the API reserves before any activity of the journey
-- has necessarily written the member's row.

CREATE TABLE lead_care_managers (
  care_manager_id  text PRIMARY KEY,          -- one row per Lead Care Manager ever named: the lock row
  first_named_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lead_care_manager_caseloads (
  id                        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reservation_key           text NOT NULL UNIQUE,   -- the naming request's idempotency key
  care_manager_id           text NOT NULL REFERENCES lead_care_managers (care_manager_id),
  member_id                 text NOT NULL,
  plan                      text NOT NULL,
  provider_id               text NOT NULL,
  assigned_at               timestamptz NOT NULL,   -- the naming instant (the action's `at`)
  reserved_caseload         integer NOT NULL CHECK (reserved_caseload >= 1), -- answered again on a replay
  previous_care_manager_id  text,                   -- the member's active Lead Care Manager when reserved
  reserved_at               timestamptz NOT NULL DEFAULT now(),
  confirmed_at              timestamptz,            -- NULL: pending; the journey has not confirmed it yet
  released_at               timestamptz,
  release_reason            text,
  replaced_by_key           text,                   -- the reservation whose confirmation replaced this one
  CHECK (released_at IS NULL OR confirmed_at IS NOT NULL),   -- a pending row is cancelled (deleted), never released
  CHECK ((released_at IS NULL) = (release_reason IS NULL)),
  CHECK (release_reason <> '')
);
-- R-ONE-LCM: at most one active (confirmed, unreleased) Lead Care Manager per member.
CREATE UNIQUE INDEX lcm_caseloads_one_active_per_member
  ON lead_care_manager_caseloads (member_id) WHERE confirmed_at IS NOT NULL AND released_at IS NULL;
-- R-CASELOAD-50: counting a Lead Care Manager's open rows.
CREATE INDEX lcm_caseloads_open_by_care_manager
  ON lead_care_manager_caseloads (care_manager_id, member_id) WHERE released_at IS NULL;
-- Reservations still pending, for reconciliation after a crash between reserving and naming.
CREATE INDEX lcm_caseloads_pending ON lead_care_manager_caseloads (reserved_at) WHERE confirmed_at IS NULL;

-- Down Migration
DROP TABLE lead_care_manager_caseloads;
DROP TABLE lead_care_managers;
