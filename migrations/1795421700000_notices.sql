-- Up Migration
-- R-DENIAL-NOA, R-UNREACHABLE (issue 9): Notices of Action and plan reports belong to one journey.
--
-- Their keys are `<event key>:notice` / `<event key>:report`, and an event key without an
-- Idempotency-Key header is a fingerprint of route + body, which does not name the member: two
-- members denied with byte-identical bodies had the same notice_key, and the second member's
-- notice was dropped by ON CONFLICT DO NOTHING. The keys are now unique per journey
-- (referral_key), like journey_events (referral_key, event_key).

-- Notices of Action ------------------------------------------------------------------------------
ALTER TABLE notices_of_action DROP CONSTRAINT notices_of_action_pkey;

-- The notice's opaque, PHI-free identifier (API, letter file name): `noa_` + 32 hex digits of
-- SHA-256 over the journey's referral key and the notice key. Deterministic, so a retried activity
-- names the same notice and the same letter file. The activity computes it the same way
-- (activities/notices/notice-id.ts).
ALTER TABLE notices_of_action ADD COLUMN notice_id text;
UPDATE notices_of_action
   SET notice_id = 'noa_' || left(encode(sha256(convert_to(referral_key || '|' || notice_key, 'UTF8')), 'hex'), 32);
ALTER TABLE notices_of_action ALTER COLUMN notice_id SET NOT NULL;
ALTER TABLE notices_of_action ADD PRIMARY KEY (notice_id);
ALTER TABLE notices_of_action ADD CONSTRAINT notices_of_action_journey_key UNIQUE (referral_key, notice_key);

-- Recording order, for keyset paging (GET /v1/notices lists newest first).
ALTER TABLE notices_of_action ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE notices_of_action ADD CONSTRAINT notices_of_action_seq_key UNIQUE (seq);

-- The plan that sends the notice (its template, its list).
ALTER TABLE notices_of_action ADD COLUMN plan text;
UPDATE notices_of_action n SET plan = r.plan FROM referrals r WHERE r.referral_key = n.referral_key;
ALTER TABLE notices_of_action ALTER COLUMN plan SET NOT NULL;
CREATE INDEX notices_of_action_plan_idx ON notices_of_action (plan, seq DESC);
CREATE INDEX notices_of_action_member_idx ON notices_of_action (member_id, seq);

-- What the notice said beyond type, reason, date and recipients: the appeal-rights statement
-- (DHCS APL 21-011 "Your Rights") as rendered from the plan's template, and which template.
-- NULL only for notices recorded before this migration, which kept no statement.
ALTER TABLE notices_of_action ADD COLUMN template text;
ALTER TABLE notices_of_action ADD COLUMN appeal_rights text;

-- Delivery: pending until the transport took the letter (sent) or refused it (failed); every
-- attempt is counted. sent_at already existed (stamped by a mailing integration, if any).
ALTER TABLE notices_of_action ADD COLUMN delivery_status text NOT NULL DEFAULT 'pending'
  CHECK (delivery_status IN ('pending', 'sent', 'failed'));
UPDATE notices_of_action SET delivery_status = 'sent' WHERE sent_at IS NOT NULL;
ALTER TABLE notices_of_action ADD COLUMN delivery_attempts integer NOT NULL DEFAULT 0 CHECK (delivery_attempts >= 0);
ALTER TABLE notices_of_action ADD COLUMN last_attempt_at timestamptz;
ALTER TABLE notices_of_action ADD COLUMN failed_at timestamptz;
ALTER TABLE notices_of_action ADD COLUMN delivery_error text;      -- a machine-readable code, never PHI
ALTER TABLE notices_of_action ADD COLUMN transport text;           -- e.g. letter-file
ALTER TABLE notices_of_action ADD COLUMN delivery_reference text;  -- e.g. notices/LA-CARE/noa_….txt, under DATA_DIR
ALTER TABLE notices_of_action ADD CONSTRAINT notices_of_action_sent_has_time
  CHECK (delivery_status <> 'sent' OR sent_at IS NOT NULL);
ALTER TABLE notices_of_action ADD CONSTRAINT notices_of_action_failed_has_time
  CHECK (delivery_status <> 'failed' OR failed_at IS NOT NULL);
CREATE INDEX notices_of_action_undelivered_idx ON notices_of_action (delivery_status, seq) WHERE delivery_status <> 'sent';

-- Plan reports -----------------------------------------------------------------------------------
ALTER TABLE plan_reports DROP CONSTRAINT plan_reports_pkey;
ALTER TABLE plan_reports ADD PRIMARY KEY (referral_key, report_key);
CREATE INDEX plan_reports_member_idx ON plan_reports (member_id);

-- Down Migration
DROP INDEX plan_reports_member_idx;
ALTER TABLE plan_reports DROP CONSTRAINT plan_reports_pkey;
ALTER TABLE plan_reports ADD PRIMARY KEY (report_key);

DROP INDEX notices_of_action_undelivered_idx;
DROP INDEX notices_of_action_member_idx;
DROP INDEX notices_of_action_plan_idx;
ALTER TABLE notices_of_action
  DROP CONSTRAINT notices_of_action_failed_has_time,
  DROP CONSTRAINT notices_of_action_sent_has_time,
  DROP COLUMN delivery_reference,
  DROP COLUMN transport,
  DROP COLUMN delivery_error,
  DROP COLUMN failed_at,
  DROP COLUMN last_attempt_at,
  DROP COLUMN delivery_attempts,
  DROP COLUMN delivery_status,
  DROP COLUMN appeal_rights,
  DROP COLUMN template,
  DROP COLUMN plan,
  DROP COLUMN seq;
ALTER TABLE notices_of_action DROP CONSTRAINT notices_of_action_journey_key;
ALTER TABLE notices_of_action DROP CONSTRAINT notices_of_action_pkey;
ALTER TABLE notices_of_action DROP COLUMN notice_id;
ALTER TABLE notices_of_action ADD PRIMARY KEY (notice_key);
