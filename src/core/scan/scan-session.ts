import type { Detector } from '../detect/detector';
import type { Confidence, LocatedFinding, Unscanned } from '../types';
import type { ExtractBudget, ExtractContext } from '../extract/extractor';
import { parseExtractLimits, type ExtractLimits } from '../extract/limits';

/** Options of scanMessage and scanAttachment. */
export interface ScanOptions {
  /** Overrides of DEFAULT_EXTRACT_LIMITS; validated (RangeError naming the field). */
  limits?: Partial<ExtractLimits>;
  /** Epoch milliseconds; parts not reached by then are reported 'timeout'. Default: none. */
  deadline?: number;
  /** Clock, for tests. Default Date.now. */
  now?: () => number;
  /** Findings below this tier are dropped. Default 'low'. */
  minConfidence?: Confidence;
  /** Detectors to run (e.g. only the entities a policy acts on); all of them by default. */
  detectors?: readonly Detector[];
}

/** What scanning one attachment (or the message body) produced. */
export interface ScanParts {
  findings: LocatedFinding[];
  unscanned: Unscanned[];
  /** True when some text was cut by a character limit (also listed in unscanned as 'limit'). */
  truncated: boolean;
  scannedChars: number;
}

export function emptyParts(): ScanParts {
  return { findings: [], unscanned: [], truncated: false, scannedChars: 0 };
}

export function mergeParts(into: ScanParts, from: ScanParts): void {
  for (const f of from.findings) into.findings.push(f);
  for (const u of from.unscanned) into.unscanned.push(u);
  into.truncated = into.truncated || from.truncated;
  into.scannedChars += from.scannedChars;
}

/** Limits, clock and the budgets shared by every part of one message. */
export class ScanSession {
  readonly limits: ExtractLimits;
  readonly deadline: number;
  readonly now: () => number;
  readonly minConfidence: Confidence;
  readonly detectors: readonly Detector[] | undefined;
  readonly budget: ExtractBudget = { inflatedBytes: 0 };
  readonly startedAt: number;
  /** Characters still allowed through the engine for this message. */
  charsLeft: number;
  /** Findings still allowed for this message. */
  findingsLeft: number;
  /** Attachment bytes of the message seen so far. */
  messageBytes = 0;

  constructor(options: ScanOptions = {}) {
    this.limits = parseExtractLimits(options.limits);
    this.now = options.now ?? (() => Date.now());
    this.deadline = options.deadline ?? Infinity;
    if (typeof this.deadline !== 'number' || isNaN(this.deadline)) {
      throw new RangeError(
        `deadline must be a number of epoch milliseconds, got ${String(options.deadline)}`,
      );
    }
    this.minConfidence = options.minConfidence ?? 'low';
    this.detectors = options.detectors;
    this.charsLeft = this.limits.maxExtractedChars;
    this.findingsLeft = this.limits.maxFindings;
    this.startedAt = this.now();
  }

  expired(): boolean {
    return this.now() > this.deadline;
  }

  context(depth: number): ExtractContext {
    return { limits: this.limits, deadline: this.deadline, now: this.now, depth, budget: this.budget };
  }
}
