/**
 * The Temporal SDK's log lines, written through our logger with every error in their metadata
 * reduced to its class and codes. The SDK logs a failed activity or workflow task with the error
 * itself ("Activity failed", { error }), whose message may quote member data.
 */
import type { LogLevel, LogMetadata, Logger as SdkLogger } from '@temporalio/worker';
import type { Logger } from '../src/infra/logger';
import { loggableError } from '../src/infra/loggable-error';

const PINO_LEVEL = { TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const satisfies Record<LogLevel, string>;

function safeMeta(meta: LogMetadata | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta ?? {}).map(([key, value]) => [key, value instanceof Error ? loggableError(value) : value]));
}

/** An SDK logger (for `Runtime.install({ logger })`) over the process's logger. */
export function phiSafeRuntimeLogger(log: Logger): SdkLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata): void => {
    log[PINO_LEVEL[level]]({ sdk: true, ...safeMeta(meta) }, message);
  };
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}
