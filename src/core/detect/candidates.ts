import type { Detector } from './detector';

const INITIAL_CAPACITY = 64;

/**
 * The candidates one scan keeps, column by column: offsets and scores in typed arrays, the
 * detector and the reasons as references. No object per candidate: a 15,870-row roster keeps
 * ~95,000 candidates to the end of its scan, and as objects (~120 bytes each) every
 * young-generation collection on the way copied them.
 */
export class Candidates {
  count = 0;
  starts = new Int32Array(INITIAL_CAPACITY);
  ends = new Int32Array(INITIAL_CAPACITY);
  scores = new Float64Array(INITIAL_CAPACITY);
  readonly detectors: Detector[] = [];
  readonly reasons: Array<readonly string[]> = [];

  /** Whether the last candidate kept covers exactly start..end. */
  lastSpans(start: number, end: number): boolean {
    const last = this.count - 1;
    return last >= 0 && this.starts[last] === start && this.ends[last] === end;
  }

  lastScore(): number {
    return this.scores[this.count - 1] as number;
  }

  push(detector: Detector, start: number, end: number, score: number, reasons: readonly string[]): void {
    if (this.count === this.starts.length) this.grow();
    const at = this.count++;
    this.set(at, detector, start, end, score, reasons);
  }

  replaceLast(
    detector: Detector,
    start: number,
    end: number,
    score: number,
    reasons: readonly string[],
  ): void {
    this.set(this.count - 1, detector, start, end, score, reasons);
  }

  private set(
    at: number,
    detector: Detector,
    start: number,
    end: number,
    score: number,
    reasons: readonly string[],
  ): void {
    this.starts[at] = start;
    this.ends[at] = end;
    this.scores[at] = score;
    this.detectors[at] = detector;
    this.reasons[at] = reasons;
  }

  private grow(): void {
    const capacity = this.starts.length * 2;
    const starts = new Int32Array(capacity);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(capacity);
    ends.set(this.ends);
    this.ends = ends;
    const scores = new Float64Array(capacity);
    scores.set(this.scores);
    this.scores = scores;
  }
}
