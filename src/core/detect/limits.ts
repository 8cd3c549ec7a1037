/**
 * Named, validated limits for text scanning. Limit options are validated, not falsy-coalesced:
 * 0 must not silently restore a default, and a string or NaN must not disable a limit.
 */

/** Characters of one text scanned at most (about 10 MB of UTF-16); the rest is reported as not scanned. */
export const DEFAULT_MAX_SCAN_CHARS = 5_000_000;
/** Candidate findings kept per text; past it the scan stops and says so (memory bound). */
export const DEFAULT_MAX_FINDINGS = 1_000_000;
/** Purview's proximity window for supporting keywords. */
export const DEFAULT_CONTEXT_WINDOW = 300;

export function checkLimit(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}
