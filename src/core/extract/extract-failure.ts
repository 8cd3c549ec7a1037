import type { UnscannedReason } from '../types';
import type { ExtractOutcome } from './extractor';

/**
 * Thrown inside a parser to stop with a reason ('encrypted', 'timeout', 'limit', ...). The
 * extractor's entry point turns it into { ok: false } with {@link failSafely}; the detail is
 * fixed text about the structure, never content.
 */
export class ExtractFailure extends Error {
  constructor(
    readonly reason: UnscannedReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/**
 * Runs a parser and never throws: an ExtractFailure keeps its reason, anything else (a range
 * error from a truncated file, an inflate error) is a corrupt file.
 */
export function failSafely(run: () => ExtractOutcome, what: string): ExtractOutcome {
  try {
    return run();
  } catch (error) {
    if (error instanceof ExtractFailure) return { ok: false, reason: error.reason, detail: error.detail };
    return { ok: false, reason: 'corrupt', detail: `${what} could not be parsed` };
  }
}

/** Throws 'timeout' once the caller's deadline has passed. Call it between pages, records, streams. */
export function checkDeadline(context: { deadline: number; now(): number }): void {
  if (context.now() > context.deadline) throw new ExtractFailure('timeout', 'the scan deadline passed');
}
