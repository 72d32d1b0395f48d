/**
 * Structured logging. Member data is PHI and never goes into a log line: log opaque member IDs,
 * rule IDs and codes. Redaction below is a second line of defence for the field names PHI uses.
 */
import pino from 'pino';

/** The project's logger type. */
export type Logger = pino.Logger;

/** Builds the root logger. */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    redact: {
      paths: ['*.member', '*.cin', '*.name', '*.dateOfBirth', '*.contact', 'member', 'req.body', 'body'],
      censor: '[PHI]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
