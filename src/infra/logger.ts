/**
 * Structured logging. Member data is PHI and never goes into a log line: log opaque member IDs,
 * rule IDs and codes. Redaction below is a second line of defence for the field names PHI uses.
 */
import pino from 'pino';

/** The project's logger type. */
export type Logger = pino.Logger;

/**
 * Where PHI sits, at the top of a line or one object down. A member's name is redacted by its
 * parts (`name.given`, `name.family`), never as `*.name`: that would also blank every error's
 * class name (`err.name`), which is what an operator needs to read.
 */
export const PHI_REDACT_PATHS = [
  ...['member', 'cin', 'dateOfBirth', 'contact', 'phone', 'email', 'address', 'name.given', 'name.family'].flatMap((path) => [path, `*.${path}`]),
  'req.body',
  'body',
] as const;

/** Builds the root logger. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: { paths: [...PHI_REDACT_PATHS], censor: '[PHI]' },
  };
  return destination ? pino(options, destination) : pino(options);
}
