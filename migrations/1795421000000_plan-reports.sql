-- Up Migration
-- Outbox of outcomes the provider owes the plan (R-UNREACHABLE: outreach closed as unreachable or
-- declined). The RTF/plan-portal integration reads it and stamps delivered_at.
CREATE TABLE plan_reports (
  report_key     text PRIMARY KEY,
  member_id      text NOT NULL REFERENCES members (member_id),
  referral_key   text NOT NULL REFERENCES referrals (referral_key),
  plan           text NOT NULL,
  report         text NOT NULL,
  outcome        text NOT NULL,
  occurred_at    timestamptz NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  delivered_at   timestamptz
);

-- Down Migration
DROP TABLE plan_reports;
