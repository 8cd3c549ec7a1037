import type { Detector } from './detector';

/**
 * The candidates one scan keeps, column by column: offsets and scores in arrays of plain numbers
 * (V8 stores them unboxed), the detector and the reasons by reference. No object per candidate:
 * a 15,870-row roster keeps ~95,000 candidates to the end of its scan, and as objects (~120 bytes
 * each) every young-generation collection on the way copied them. Plain arrays rather than typed
 * ones: a mail corpus is thousands of short texts, and three typed arrays a text cost 5% of it.
 */
export class Candidates {
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  readonly scores: number[] = [];
  readonly detectors: Detector[] = [];
  readonly reasons: Array<readonly string[]> = [];

  get count(): number {
    return this.starts.length;
  }

  /** Whether the last candidate kept covers exactly start..end. */
  lastSpans(start: number, end: number): boolean {
    const last = this.starts.length - 1;
    return last >= 0 && this.starts[last] === start && this.ends[last] === end;
  }

  lastScore(): number {
    return this.scores[this.scores.length - 1] as number;
  }

  push(detector: Detector, start: number, end: number, score: number, reasons: readonly string[]): void {
    this.starts.push(start);
    this.ends.push(end);
    this.scores.push(score);
    this.detectors.push(detector);
    this.reasons.push(reasons);
  }

  replaceLast(
    detector: Detector,
    start: number,
    end: number,
    score: number,
    reasons: readonly string[],
  ): void {
    const last = this.starts.length - 1;
    this.starts[last] = start;
    this.ends[last] = end;
    this.scores[last] = score;
    this.detectors[last] = detector;
    this.reasons[last] = reasons;
  }
}
