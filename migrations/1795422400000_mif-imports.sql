-- Up Migration
-- Issue 12: the plan's monthly Member Information File (MIF) and the import of members already in
-- ECM. A file is kept once by content hash; an import is one plan's run over one file; every row's
-- outcome is kept by its line, so a rerun (or a worker restart mid-file) never does a row twice.

-- The file itself (PHI): the import workflow's history carries only its hash and offsets.
CREATE TABLE import_files (
  file_hash   text PRIMARY KEY,          -- SHA-256 of the bytes, hex
  content     bytea NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE imports (
  import_id     text PRIMARY KEY,        -- keyed hash of plan + kind + file hash: the same file again is the same import
  plan          text NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('mif', 'members')),
  file_hash     text NOT NULL REFERENCES import_files (file_hash),
  total_rows    integer NOT NULL,
  status        text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed')),
  requested_by  text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  completed_at  timestamptz
);
CREATE INDEX imports_plan_idx ON imports (plan, created_at DESC);

-- One row per line of the file: its outcome and, for a refusal, the reason (never member data).
CREATE TABLE import_rows (
  import_id   text NOT NULL REFERENCES imports (import_id),
  line        integer NOT NULL,
  member_id   text,                      -- the opaque member ID, once the row was read
  provider_id text,                      -- the provider the row names, once read (whose members may be missing)
  outcome     text NOT NULL CHECK (outcome IN ('pending', 'created', 'reconciled', 'unchanged', 'rejected')),
  reason      text,
  PRIMARY KEY (import_id, line)
);
-- A member once per file: the first line that names them is the one that counts.
CREATE UNIQUE INDEX import_rows_member_idx ON import_rows (import_id, member_id) WHERE member_id IS NOT NULL AND outcome <> 'rejected';

-- R-DISCONTINUE: a member the plan says is no longer eligible (or who is missing from this month's
-- file) is the provider's to resolve, by discontinuing them or by the plan's correction. Never a
-- silent discontinuation.
CREATE TABLE reconciliation_items (
  item_id       text PRIMARY KEY,
  plan          text NOT NULL,
  provider_id   text NOT NULL,
  member_id     text NOT NULL REFERENCES members (member_id),
  referral_key  text NOT NULL REFERENCES referrals (referral_key),
  reason        text NOT NULL CHECK (reason IN ('no_longer_eligible', 'missing_from_mif')),
  import_id     text NOT NULL REFERENCES imports (import_id),
  opened_at     timestamptz NOT NULL DEFAULT now(),
  resolved_at   timestamptz,
  resolution    text CHECK (resolution IN ('discontinued', 'corrected')),
  resolved_by_import text REFERENCES imports (import_id),  -- the correcting file
  FOREIGN KEY (referral_key, member_id) REFERENCES referrals (referral_key, member_id)
);
-- One open item per journey and reason: a later file saying the same opens nothing new.
CREATE UNIQUE INDEX reconciliation_items_open_idx ON reconciliation_items (referral_key, reason) WHERE resolved_at IS NULL;
CREATE INDEX reconciliation_items_provider_idx ON reconciliation_items (provider_id, opened_at) WHERE resolved_at IS NULL;

-- The provider's discontinuation resolves the journey's open items, whichever path recorded it.
CREATE FUNCTION resolve_reconciliation_on_discontinuation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reconciliation_items SET resolved_at = NEW.occurred_at, resolution = 'discontinued'
   WHERE referral_key = NEW.referral_key AND resolved_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER journey_events_resolve_reconciliation AFTER INSERT ON journey_events
  FOR EACH ROW WHEN (NEW.kind = 'discontinuation') EXECUTE FUNCTION resolve_reconciliation_on_discontinuation();

-- Down Migration
DROP TRIGGER IF EXISTS journey_events_resolve_reconciliation ON journey_events;
DROP FUNCTION IF EXISTS resolve_reconciliation_on_discontinuation();
DROP TABLE IF EXISTS reconciliation_items;
DROP TABLE IF EXISTS import_rows;
DROP TABLE IF EXISTS imports;
DROP TABLE IF EXISTS import_files;
