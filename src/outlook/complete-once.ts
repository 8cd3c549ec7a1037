/**
 * Completes a Smart Alerts / ItemSend event exactly once, whatever happens: the work finishes, the
 * work throws or rejects (any Office.js error), or the deadline passes first. A second completed()
 * must never happen: in classic Outlook a late completed({allowEvent: true}) can release a message
 * that was already held (office-js#6656), so the deadline timer is cleared and every later result
 * is dropped.
 */

/**
 * Outlook shows its "taking longer than expected" dialog after 5 s. 3.5 s leaves 1.5 s for the
 * runtime to start our script and for the completion to travel back, measured from handler entry.
 */
export const SEND_DEADLINE_MS = 3500;

/** The scan is told to stop this long before the deadline, so it ends with 'timeout' on its own. */
export const SCAN_BUDGET_MS = 3000;

export type CompletedOptions = Record<string, unknown>;

export interface CompletableEvent {
  completed(options?: CompletedOptions): void;
}

/** What a handler completes with; undefined calls completed() without options (non-send events). */
export type Completion = CompletedOptions | undefined;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type FailureKind = 'error' | 'deadline';

/** Global timers, read at call time so fake timers installed by tests are used. */
export const defaultTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface CompleteOnceOptions {
  deadlineMs?: number;
  timers?: Timers;
  /** Called once with the options actually passed to completed() (audit, tests, playground). */
  onCompleted?: (options: Completion, via: 'work' | FailureKind) => void;
}

/**
 * Runs `work` and completes `event` with its result, or with `onFailure(kind)` when it fails or the
 * deadline passes. Resolves after the event was completed.
 */
export function completeOnce(
  event: CompletableEvent,
  work: () => Promise<Completion>,
  onFailure: (kind: FailureKind) => Completion,
  options: CompleteOnceOptions = {},
): Promise<void> {
  const timers = options.timers || defaultTimers;
  return new Promise<void>((resolve) => {
    let done = false;
    let timer: unknown = undefined;
    const finish = (produce: () => Completion, via: 'work' | FailureKind) => {
      if (done) return;
      done = true;
      if (timer !== undefined) timers.clearTimeout(timer);
      let completion: Completion;
      try {
        completion = produce();
      } catch {
        completion = { allowEvent: false };
      }
      try {
        if (completion === undefined) event.completed();
        else event.completed(completion);
      } finally {
        if (options.onCompleted) options.onCompleted(completion, via);
        resolve();
      }
    };
    timer = timers.setTimeout(
      () => finish(() => onFailure('deadline'), 'deadline'),
      options.deadlineMs ?? SEND_DEADLINE_MS,
    );
    let running: Promise<Completion>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    running.then(
      (result) => finish(() => result, 'work'),
      () => finish(() => onFailure('error'), 'error'),
    );
  });
}
