import pino from 'pino';

/** Structured JSON logs on stdout: one line per event, details that never reach a page. */
export function createLogger(level: string): pino.Logger {
  return pino({ level, base: { app: 'mp-meeting-tracker' }, timestamp: pino.stdTimeFunctions.isoTime });
}

export type Logger = pino.Logger;
