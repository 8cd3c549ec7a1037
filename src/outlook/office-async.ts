/**
 * One promise wrapper for every Office.js callback API, so the rest of the edge is plain async code.
 * Errors carry the operation name and Office's error code/name only: Office error messages can quote
 * item data on some clients, and nothing from the item may reach a log.
 */

/** The AsyncResult fields we rely on; Office.AsyncResult<T> satisfies it. */
export interface AsyncResultLike<T> {
  status: unknown;
  value: T;
  error?: { code?: number | string; name?: string } | null;
}

export type OfficeCallback<T> = (result: AsyncResultLike<T>) => void;

/** An Office.js call failed (or the API was missing). */
export class OfficeCallError extends Error {
  readonly operation: string;
  readonly code: string;

  constructor(operation: string, code: string) {
    super(`Office call ${operation} failed (${code})`);
    this.name = 'OfficeCallError';
    this.operation = operation;
    this.code = code;
  }
}

/** Office.AsyncResultStatus.Succeeded is the string 'succeeded' in every Office.js build. */
function succeeded(status: unknown): boolean {
  return String(status).toLowerCase() === 'succeeded';
}

function errorCode(result: AsyncResultLike<unknown>): string {
  const error = result.error;
  if (!error) return 'unknown';
  return String(error.name || error.code || 'unknown');
}

/**
 * Runs one callback-style Office call as a promise. A synchronous throw (API missing on this client,
 * bad argument) rejects too, so callers have one failure path.
 */
export function officeCall<T>(operation: string, invoke: (callback: OfficeCallback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      invoke((result) => {
        if (result && succeeded(result.status)) resolve(result.value);
        else reject(new OfficeCallError(operation, result ? errorCode(result) : 'no-result'));
      });
    } catch {
      reject(new OfficeCallError(operation, 'threw'));
    }
  });
}
