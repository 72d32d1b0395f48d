-- Up Migration
-- Every ADT message received (JSON or HL7 v2), once: the same control ID from the same plan is
-- one row, so a redelivery has one effect. Messages for members with no open journey stay here
-- as `unmatched` for reconciliation (GET /v1/adt/unmatched); nothing is dropped.
CREATE TABLE adt_messages (
  message_key    text PRIMARY KEY,            -- keyed hash of plan + control ID
  plan           text NOT NULL,
  control_id     text NOT NULL,               -- MSH-10 / messageId
  event_type     text NOT NULL,
  format         text NOT NULL CHECK (format IN ('json', 'hl7v2')),
  member_id      text,                        -- derived from plan + CIN; no FK: the member may be unknown
  visit_key      text,
  facility_id    text,
  status         text NOT NULL CHECK (status IN ('received', 'delivered', 'unmatched')),
  reason         text,
  event          jsonb NOT NULL,              -- the normalized event, identifiers included (PHI)
  received_at    timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX adt_messages_unmatched_idx ON adt_messages (plan, received_at) WHERE status = 'unmatched';

-- Down Migration
DROP TABLE adt_messages;
