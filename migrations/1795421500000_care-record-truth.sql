-- Up Migration
-- The care record tells the truth (ECM-RULES §1 as updated; no record shared between members).

-- A deadline met by an act dated on time but documented after its alarm: both instants are kept.
ALTER TABLE deadlines
  ADD COLUMN documented_late boolean NOT NULL DEFAULT false,
  ADD COLUMN documented_at   timestamptz;

-- An escalation whose breach turned out not to be one is withdrawn, not deleted: the row keeps
-- the alarm, says when and why it was withdrawn, and the delivery channel tells the party.
ALTER TABLE deadline_escalations
  ADD COLUMN withdrawn_at            timestamptz,
  ADD COLUMN withdrawal_reason       text,
  ADD COLUMN withdrawal_delivered_at timestamptz;

-- A referral ID is the plan's: the fingerprint of the first delivery tells a redelivery (same
-- content) from a conflict (same ID, other content or another member), before anything starts.
ALTER TABLE referrals ADD COLUMN fingerprint text;
ALTER TABLE referrals ADD CONSTRAINT referrals_journey_member_key UNIQUE (referral_key, member_id);

-- Every row that names a journey names that journey's member: a write filing one member's facts
-- under another's referral key fails at the database (a data error, which the activity does not
-- retry). NOT VALID: existing rows are not re-checked here; `VALIDATE CONSTRAINT` finds old collisions.
DO $$
DECLARE t record;
BEGIN
  FOR t IN
    SELECT c.table_name
      FROM information_schema.columns c
     WHERE c.table_schema = current_schema() AND c.column_name = 'referral_key' AND c.table_name <> 'referrals'
       AND EXISTS (SELECT 1 FROM information_schema.columns m
                    WHERE m.table_schema = c.table_schema AND m.table_name = c.table_name AND m.column_name = 'member_id')
       AND EXISTS (SELECT 1 FROM information_schema.tables b
                    WHERE b.table_schema = c.table_schema AND b.table_name = c.table_name AND b.table_type = 'BASE TABLE')
  LOOP
    EXECUTE format(
      'ALTER TABLE %I ADD CONSTRAINT %I FOREIGN KEY (referral_key, member_id) REFERENCES referrals (referral_key, member_id) NOT VALID',
      t.table_name, t.table_name || '_journey_member_fk');
  END LOOP;
END $$;

-- Down Migration
DO $$
DECLARE t record;
BEGIN
  FOR t IN SELECT conrelid::regclass::text AS table_name, conname FROM pg_constraint WHERE conname LIKE '%\_journey\_member\_fk'
  LOOP
    EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', t.table_name, t.conname);
  END LOOP;
END $$;
ALTER TABLE referrals DROP CONSTRAINT referrals_journey_member_key;
ALTER TABLE referrals DROP COLUMN fingerprint;
ALTER TABLE deadline_escalations DROP COLUMN withdrawal_delivered_at, DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_at;
ALTER TABLE deadlines DROP COLUMN documented_at, DROP COLUMN documented_late;
