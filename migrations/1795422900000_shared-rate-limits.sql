-- Up Migration
-- Issue 16 §5: the API's rate limits live in the care record's PostgreSQL, so N API replicas
-- enforce one limit instead of N. The table is rate-limiter-flexible's own layout
-- (RateLimiterPostgres, created here so the app role needs no CREATE right: `tableCreated: true`).
-- A row is one key's window: `key` is `<limit>:<organisation or client IP>`, never member data;
-- `expire` is the window's end in epoch milliseconds. Expired rows are swept by the library.
CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- Down Migration
DROP TABLE rate_limits;
