-- Up Migration
-- Issue 13, getting paid. ECM services and their time (R-PAY-6U), each provider service month's
-- claims clock (R-CLAIMS-60D), the claims submitted and the plan's adjudication (R-PAY-TIMELY).

-- One row per service: a recorded service ('service' events) or an outreach attempt's time
-- ('outreach-attempt' events), keyed like every event-keyed table so a retry adds no row.
-- Minutes are kept, units are derived by the plan's rounding (billing.unitRounding).
CREATE TABLE ecm_services (
  referral_key     text NOT NULL REFERENCES referrals (referral_key),
  event_key        text NOT NULL,
  member_id        text NOT NULL REFERENCES members (member_id),
  plan             text NOT NULL,
  provider_id      text NOT NULL,
  at               timestamptz NOT NULL,
  service_date     date NOT NULL,                -- local date in the plan's zone
  service_month    text NOT NULL CHECK (service_month ~ '^\d{4}-\d{2}$'),
  minutes          integer NOT NULL CHECK (minutes >= 0),
  service          text NOT NULL CHECK (service IN ('outreach', 'assessment_and_care_plan', 'care_coordination', 'health_promotion',
                                                    'transitional_care', 'member_and_family_supports', 'community_referral')),
  in_person        boolean NOT NULL,
  provided_by      text,
  place_of_service text CHECK (place_of_service ~ '^\d{2}$'),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, event_key),
  -- Filed under its own member's journey only (as every table naming a journey, care-record-truth).
  CONSTRAINT ecm_services_journey_member_fk FOREIGN KEY (referral_key, member_id) REFERENCES referrals (referral_key, member_id)
);
CREATE INDEX ecm_services_provider_month_idx ON ecm_services (plan, provider_id, service_month);

-- R-CLAIMS-60D: each provider service month's clock as the claims-month workflow last wrote it.
CREATE TABLE claims_months (
  plan             text NOT NULL,
  provider_id      text NOT NULL,
  service_month    text NOT NULL CHECK (service_month ~ '^\d{4}-\d{2}$'),
  deadline_key     text NOT NULL,
  due_at           timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('open', 'met', 'breached', 'cancelled')),
  fulfilled_at     timestamptz,
  breached_at      timestamptz,
  documented_late  boolean NOT NULL DEFAULT false,
  documented_at    timestamptz,
  last_event       text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan, provider_id, service_month)
);

-- R-CLAIMS-60D breaches, escalated to the provider (the outbox the delivery channel reads), and
-- withdrawn when a submission dated on time is documented after the alarm (ECM-RULES §1).
CREATE TABLE claims_escalations (
  plan               text NOT NULL,
  provider_id        text NOT NULL,
  service_month      text NOT NULL,
  rule               text NOT NULL,
  party              text NOT NULL,
  due_at             timestamptz NOT NULL,
  breached_at        timestamptz NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  delivered_at       timestamptz,
  withdrawn_at       timestamptz,
  withdrawal_reason  text,
  PRIMARY KEY (plan, provider_id, service_month)
);

-- A claim per member-month in a submitted batch; the plan adjudicates it (R-PAY-TIMELY).
CREATE TABLE claims (
  claim_id         text PRIMARY KEY,             -- clm_ + hash of plan, provider, month, member: no PHI
  plan             text NOT NULL,
  provider_id      text NOT NULL,
  service_month    text NOT NULL,
  member_id        text NOT NULL REFERENCES members (member_id),
  batch_id         text NOT NULL,
  submitted_at     timestamptz NOT NULL,
  submitted_by     text NOT NULL,
  status           text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'paid', 'denied')),
  received_at      timestamptz,                  -- the plan's date stamp
  paid_at          timestamptz,                  -- the date on the payment
  denial_reason    text,
  clean            boolean,
  adjudicated_at   timestamptz,
  adjudicated_by   text,
  UNIQUE (plan, provider_id, service_month, member_id)
);
CREATE INDEX claims_provider_received_idx ON claims (plan, provider_id, received_at);

-- Down Migration
DROP TABLE claims;
DROP TABLE claims_escalations;
DROP TABLE claims_months;
DROP TABLE ecm_services;
