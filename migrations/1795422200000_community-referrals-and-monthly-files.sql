-- Up Migration
-- Issue 12, part 3: closed-loop referrals to Community Supports and social services (Guide §8.7,
-- §10) become a care-record entity, and the provider's monthly files (RTF, OTF, Staffing and
-- Capacity) read the care record by provider and month.

-- One row per referral, written from the journey's snapshot on each 'community-referral' or
-- 'community-referral-status' event (guarded by the snapshot's sequence, so a late retry never
-- overwrites a newer status). The history of status changes is in journey_events.
CREATE TABLE community_referrals (
  referral_key     text NOT NULL REFERENCES referrals (referral_key),
  community_referral_id text NOT NULL,          -- clr-<n>, numbered within the journey
  member_id        text NOT NULL REFERENCES members (member_id),
  referred_to      text NOT NULL,                -- the receiving organisation
  service_type     text NOT NULL,
  referred_at      timestamptz NOT NULL,
  status           text NOT NULL CHECK (status IN ('sent', 'accepted', 'declined', 'in_progress', 'completed', 'closed')),
  status_at        timestamptz NOT NULL,
  closure_reason   text,
  note             text,
  sequence         bigint NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (referral_key, community_referral_id),
  -- Filed under its own member's journey only (as every table naming a journey, care-record-truth).
  CONSTRAINT community_referrals_journey_member_fk FOREIGN KEY (referral_key, member_id) REFERENCES referrals (referral_key, member_id),
  CHECK (status <> 'closed' OR closure_reason IS NOT NULL)
);
CREATE INDEX community_referrals_member_idx ON community_referrals (member_id, status_at);

-- The OTF reads a provider's attempts of a month; the RTF the latest acts per journey.
CREATE INDEX outreach_attempts_at_idx ON outreach_attempts (at);
CREATE INDEX journey_events_referral_kind_idx ON journey_events (referral_key, kind, occurred_at);

-- Down Migration
DROP INDEX journey_events_referral_kind_idx;
DROP INDEX outreach_attempts_at_idx;
DROP TABLE community_referrals;
