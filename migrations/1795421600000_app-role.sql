-- Up Migration
-- The audit trail against its own writer (issue 10). The API and the worker connect as an app role
-- that may only INSERT and SELECT here (grants in src/db/app-role.ts, made after every migration
-- run). So what a forged INSERT by that role can do is bounded by what the server stamps itself.

-- The request ID is always the server's (a UUID); the ID a client sent in X-Request-Id is kept
-- beside it, never instead of it, so two organisations can no longer write rows under one ID.
ALTER TABLE audit_events ADD COLUMN client_request_id text;
COMMENT ON COLUMN audit_events.request_id IS 'server-generated request ID (UUID), answered in X-Request-Id';
COMMENT ON COLUMN audit_events.client_request_id IS 'the X-Request-Id the client sent, if any; the client''s word only';

-- The time of a row is the database's, whatever the inserter says: a forged row cannot be
-- backdated to hide among past accesses.
CREATE FUNCTION audit_events_server_time() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.occurred_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_events_stamp_time BEFORE INSERT ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_server_time();

-- ADT intake (api/adt/adt-intake.ts): concurrent deliveries of one message have one winner. The
-- delivery holding this lease delivers the message; the others wait and answer `duplicate`. A
-- delivery whose process died lets its lease lapse, and the next delivery takes the message over.
ALTER TABLE adt_messages ADD COLUMN delivering_until timestamptz;

-- Down Migration
ALTER TABLE adt_messages DROP COLUMN delivering_until;
DROP TRIGGER audit_events_stamp_time ON audit_events;
DROP FUNCTION audit_events_server_time();
ALTER TABLE audit_events DROP COLUMN client_request_id;
