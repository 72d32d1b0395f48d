-- Up Migration
-- The care record's detail (Guide §10): the facts each rule needs, as rows that reports, audits and
-- the member's record query directly instead of unpacking journey_events.detail. Written by
-- activities/care-record/project-*.ts in the same transaction as the event they come from.
--
-- Two kinds of table, two ways to stay idempotent:
--   * event-keyed (one row per accepted action: outreach attempts, consents, assessment delays,
--     Lead Care Manager namings, care-plan revisions): keyed by (referral_key, event_key) and
--     written with ON CONFLICT DO NOTHING, so a retried activity or a redelivered event adds nothing;
--   * snapshot-based (current facts: authorization, periods, assignments, assessment, episodes,
--     visits, tasks): upserted from the journey's or episode's snapshot and guarded by its
--     `sequence`, like member_journeys, so an older snapshot arriving late never overwrites a newer.
-- Histories written before snapshots existed fill only the event-keyed tables.

-- R-AUTH-PRESUMPTIVE, R-DENIAL-NOA: the plan's benefit determination, one per referral.
CREATE TABLE authorizations (
  referral_key   text PRIMARY KEY REFERENCES referrals (referral_key),
  member_id      text NOT NULL REFERENCES members (member_id),
  decision       text NOT NULL CHECK (decision IN ('approved', 'denied')),
  decided_at     timestamptz NOT NULL,
  presumptive    boolean NOT NULL,
  reason         text,
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- R-AUTH-12M (the initial 12-month period) and R-REAUTH-6M (each 6-month reauthorization);
-- dates are inclusive local dates in the plan's zone.
CREATE TABLE authorization_periods (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  number         integer NOT NULL CHECK (number >= 1),
  member_id      text NOT NULL REFERENCES members (member_id),
  kind           text NOT NULL CHECK (kind IN ('initial', 'reauthorization')),
  start_date     date NOT NULL,
  end_date       date NOT NULL CHECK (end_date >= start_date),
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, number)
);
-- Periods ending soon, for the R-PCQ-WINDOW / reauthorization work lists.
CREATE INDEX authorization_periods_end_idx ON authorization_periods (end_date);

-- R-ASSIGN, R-DECLINE-1BD: every assignment of the member to an ECM provider and its answer
-- (`deemed`: silence past R-DECLINE-1BD counted as acceptance). A provider assigned twice has two rows.
CREATE TABLE provider_assignments (
  referral_key     text NOT NULL REFERENCES referrals (referral_key),
  provider_id      text NOT NULL,
  assigned_at      timestamptz NOT NULL,
  member_id        text NOT NULL REFERENCES members (member_id),
  response         text CHECK (response IN ('accepted', 'declined')),
  responded_at     timestamptz,
  response_reason  text,
  deemed           boolean NOT NULL DEFAULT false,
  sequence         bigint NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, provider_id, assigned_at),
  CHECK ((response IS NULL) = (responded_at IS NULL))
);
CREATE INDEX provider_assignments_provider_idx ON provider_assignments (provider_id, assigned_at);

-- R-LCM-72H, R-ONE-LCM: each naming of a Lead Care Manager as the journey accepted it. The
-- caseload itself (R-CASELOAD-50) lives in lead_care_manager_caseloads; this is the journey's side.
CREATE TABLE lead_care_manager_namings (
  referral_key     text NOT NULL REFERENCES referrals (referral_key),
  event_key        text NOT NULL,
  member_id        text NOT NULL REFERENCES members (member_id),
  care_manager_id  text NOT NULL,
  provider_id      text,                      -- NULL only for histories written before snapshots
  named_at         timestamptz NOT NULL,
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, event_key)
);
CREATE INDEX lead_care_manager_namings_cm_idx ON lead_care_manager_namings (care_manager_id, named_at);

-- R-OUTREACH-30D (at least 5 attempts, 1 in person, different days and times, each documented with
-- timestamp, method and result) and R-UNREACHABLE (the evidence behind an unreachable outcome).
CREATE TABLE outreach_attempts (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  event_key      text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  at             timestamptz NOT NULL,
  method         text NOT NULL CHECK (method IN ('phone', 'text', 'email', 'mail', 'in_person', 'street_outreach', 'partner_follow_up')),
  result         text NOT NULL CHECK (result IN ('reached', 'no_answer', 'left_message', 'wrong_contact', 'not_found', 'refused')),
  minutes        integer NOT NULL CHECK (minutes >= 0),
  actor          text,                        -- who logged it, when the caller said
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, event_key)
);
CREATE INDEX outreach_attempts_referral_at_idx ON outreach_attempts (referral_key, at);

-- R-OPT-IN: the member's documented opt-in (how, by whom, when) and any later opt-out.
CREATE TABLE consents (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  event_key      text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  kind           text NOT NULL CHECK (kind IN ('opt_in', 'opt_out')),
  method         text CHECK (method IN ('verbal', 'written')),
  recorded_by    text,
  at             timestamptz NOT NULL,
  reason         text,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, event_key),
  -- An opt-in always says how it was given and who recorded it; an opt-out needs neither.
  CHECK (kind <> 'opt_in' OR (method IS NOT NULL AND recorded_by IS NOT NULL))
);
CREATE INDEX consents_member_idx ON consents (member_id, at);

-- R-ASSESS-START (begun within 30 days of enrollment) and R-ASSESS-COMPLETE (completed within 60).
CREATE TABLE assessments (
  referral_key   text PRIMARY KEY REFERENCES referrals (referral_key),
  member_id      text NOT NULL REFERENCES members (member_id),
  started_at     timestamptz,
  completed_at   timestamptz,
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);

-- R-ASSESS-COMPLETE: a member-requested delay, its documented reason, and the agreed date.
CREATE TABLE assessment_delays (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  event_key      text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  requested_at   timestamptz NOT NULL,
  reason         text NOT NULL,
  agreed_date    date NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, event_key)
);

-- R-CAREPLAN-14D: each revision of the person-centred care plan, with its problems, interventions,
-- barriers and acuity; `version` is the journey's own revision number.
CREATE TABLE care_plan_revisions (
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  version        integer NOT NULL CHECK (version >= 1),
  event_key      text NOT NULL,
  member_id      text NOT NULL REFERENCES members (member_id),
  at             timestamptz NOT NULL,
  acuity         text NOT NULL CHECK (acuity IN ('low', 'medium', 'high')),
  reason         text,                        -- why it was revised (NULL for the first plan)
  problems       text[] NOT NULL,
  interventions  text[] NOT NULL,
  barriers       text[] NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, version),
  UNIQUE (referral_key, event_key)
);

-- R-CAREPLAN-14D: the SMART goals of a revision (description, measure, target date), in order.
CREATE TABLE care_plan_goals (
  referral_key   text NOT NULL,
  version        integer NOT NULL,
  ordinal        integer NOT NULL CHECK (ordinal >= 1),
  description    text NOT NULL,
  measure        text NOT NULL,
  target_date    date NOT NULL,
  PRIMARY KEY (referral_key, version, ordinal),
  FOREIGN KEY (referral_key, version) REFERENCES care_plan_revisions (referral_key, version)
);

-- R-TCS-24H, R-TCS-7D, R-TCS-30D, R-TCS-DRA: one transitional-care episode (an admission and any
-- readmissions before it completes). `risk_band` is the Modified LACE band; High means high acuity.
CREATE TABLE transitional_care_episodes (
  episode_key    text PRIMARY KEY,            -- opaque key of the episode's first visit
  member_id      text NOT NULL REFERENCES members (member_id),
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  status         text NOT NULL CHECK (status IN ('inpatient', 'discharged', 'completed', 'cancelled')),
  risk_band      text CHECK (risk_band IN ('low', 'moderate', 'high')),
  opened_at      timestamptz NOT NULL,        -- when the care record first heard of it
  closed_at      timestamptz,
  overdue        boolean NOT NULL DEFAULT false,
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transitional_care_episodes_referral_idx ON transitional_care_episodes (referral_key, opened_at);
CREATE INDEX transitional_care_episodes_open_idx ON transitional_care_episodes (member_id) WHERE status IN ('inpatient', 'discharged');

-- The hospital visits of an episode, keyed by the opaque visit key (no visit number here).
CREATE TABLE transitional_care_visits (
  episode_key    text NOT NULL REFERENCES transitional_care_episodes (episode_key),
  visit_key      text NOT NULL,
  facility_id    text NOT NULL,
  patient_class  text NOT NULL,
  admitted_at    timestamptz,
  discharged_at  timestamptz,
  disposition    text,
  cancelled      boolean NOT NULL DEFAULT false,
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (episode_key, visit_key)
);

-- R-TCS-TASKS (Guide §8.5 items 1-7): each task done, or not applicable with a reason.
CREATE TABLE transitional_care_tasks (
  episode_key    text NOT NULL REFERENCES transitional_care_episodes (episode_key),
  task           text NOT NULL CHECK (task IN (
                   'facility_and_member_contacted', 'discharge_risk_assessment', 'discharge_summary_shared',
                   'medication_reconciliation', 'closed_loop_referrals', 'transportation',
                   'post_discharge_follow_up', 'pcp_connection')),
  status         text NOT NULL CHECK (status IN ('pending', 'done', 'not_applicable')),
  at             timestamptz,
  by             text,
  reason         text,
  sequence       bigint NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (episode_key, task),
  CHECK (status <> 'not_applicable' OR reason IS NOT NULL)
);

-- Down Migration
DROP TABLE transitional_care_tasks;
DROP TABLE transitional_care_visits;
DROP TABLE transitional_care_episodes;
DROP TABLE care_plan_goals;
DROP TABLE care_plan_revisions;
DROP TABLE assessment_delays;
DROP TABLE assessments;
DROP TABLE consents;
DROP TABLE outreach_attempts;
DROP TABLE lead_care_manager_namings;
DROP TABLE provider_assignments;
DROP TABLE authorization_periods;
DROP TABLE authorizations;
