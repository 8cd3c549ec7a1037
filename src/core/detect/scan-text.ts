import type { Confidence, Finding } from '../types';
import { ALL_DETECTORS } from '../detectors';
import { maskKeepLast } from '../text/mask';
import { normalizeText, originalEnd, type NormalizedText } from '../text/normalize';
import { atLeast, tierOf } from './confidence';
import { KeywordMatcher, nearestHit, type KeywordHit } from './context';
import { digitsOf, isDigitCode, type Detector, type Evidence, type GroupStart } from './detector';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_SCAN_CHARS, checkLimit } from './limits';
import { DelimitedHeaders, headerMatches, normalizeHeader } from './table';

export interface ScanTextOptions {
  /** Detectors to run; all of them by default. */
  detectors?: readonly Detector[];
  /** Findings below this tier are dropped. Default 'low' (everything). */
  minConfidence?: Confidence;
  /** Characters searched for context keywords on either side of a match. Default 300. */
  contextWindow?: number;
  /** Characters scanned at most; the rest is reported through `truncated`. Default 5,000,000. */
  maxChars?: number;
  /** The whole text is one cell under this column header (spreadsheet cells). */
  header?: string;
  /**
   * The column header for an offset of the ORIGINAL text, for callers that laid a table out as
   * text themselves (the spreadsheet extractor). Takes precedence over delimiter detection.
   */
  headerAt?(offset: number): string | undefined;
  /** Detect CSV/TSV-like blocks and use their header rows. Default true. */
  tabular?: boolean;
}

export interface TextScanResult {
  findings: Finding[];
  /** Characters of the original text that were scanned. */
  scannedChars: number;
  /** True when the text was longer than maxChars and its tail was not scanned. */
  truncated: boolean;
}

/**
 * Numeric clusters: digit groups joined by one or two separator characters. Linear: the
 * separators are never digits, so there is one way to match any input.
 */
const CLUSTER = /\d+(?:[ ./:()-]{1,2}\d+)*/g;
/** Group lengths above this share one dispatch bucket. */
const MAX_BUCKET = 24;

interface Dispatch {
  byLength: Array<Array<{ detector: Detector; index: number }>>;
  atDetectors: Array<{ detector: Detector; index: number }>;
}

const dispatchCache = new WeakMap<readonly Detector[], Dispatch>();
const matcherCache = new WeakMap<Detector, KeywordMatcher>();

function dispatchFor(detectors: readonly Detector[]): Dispatch {
  const cached = dispatchCache.get(detectors);
  if (cached) return cached;
  const byLength: Dispatch['byLength'] = [];
  for (let len = 0; len <= MAX_BUCKET; len++) byLength.push([]);
  const atDetectors: Dispatch['atDetectors'] = [];
  detectors.forEach((detector, index) => {
    if (detector.trigger.anchor === 'at') {
      atDetectors.push({ detector, index });
      return;
    }
    const [min, max] = detector.trigger.firstGroup;
    for (let len = Math.max(1, min); len <= Math.min(max, MAX_BUCKET); len++) {
      (byLength[len] as Dispatch['byLength'][number]).push({ detector, index });
    }
  });
  const dispatch = { byLength, atDetectors };
  dispatchCache.set(detectors, dispatch);
  return dispatch;
}

function matcherFor(detector: Detector): KeywordMatcher {
  let matcher = matcherCache.get(detector);
  if (!matcher) {
    matcher = new KeywordMatcher(detector.keywords);
    matcherCache.set(detector, matcher);
  }
  return matcher;
}

interface RawFinding {
  detector: Detector;
  start: number;
  end: number;
  value: string;
  score: number;
  reasons: string[];
}

function readOptions(options: ScanTextOptions) {
  return {
    detectors: options.detectors ?? ALL_DETECTORS,
    minConfidence: options.minConfidence ?? 'low',
    contextWindow:
      options.contextWindow === undefined
        ? DEFAULT_CONTEXT_WINDOW
        : checkLimit(options.contextWindow, 'contextWindow', 0, 10_000),
    maxChars:
      options.maxChars === undefined
        ? DEFAULT_MAX_SCAN_CHARS
        : checkLimit(options.maxChars, 'maxChars', 1, 1_000_000_000),
  };
}

/** Everything one scan of one text needs; evidence lookups are lazy and memoized. */
class TextScan {
  readonly raw: RawFinding[] = [];
  private readonly keywordHits = new Map<Detector, KeywordHit[]>();
  private readonly headerVerdicts = new Map<string, string | null>();
  private delimited: DelimitedHeaders | undefined;
  /** Per detector: the normalized offset its last match ended at, to skip inner groups. */
  private readonly matchedUntil: number[];

  constructor(
    readonly text: string,
    private readonly norm: NormalizedText,
    private readonly options: ScanTextOptions,
    private readonly contextWindow: number,
    detectorCount: number,
  ) {
    this.matchedUntil = new Array<number>(detectorCount).fill(-1);
  }

  tryAt(detector: Detector, index: number, group: GroupStart): void {
    if (group.start < (this.matchedUntil[index] as number)) return;
    const lead = detector.trigger.lead ?? 0;
    const pattern = detector.pattern;
    for (let p = Math.max(0, group.start - lead); p <= group.start; p++) {
      pattern.lastIndex = p;
      const m = pattern.exec(this.text);
      if (m && m[0].length > 0) {
        const end = p + m[0].length;
        this.matchedUntil[index] = end;
        this.consider(detector, p, end, m[0]);
        return;
      }
    }
  }

  consider(detector: Detector, start: number, end: number, value: string): void {
    const digits = digitsOf(value);
    const evidence: Evidence = { value, digits, formatted: /[^A-Za-z0-9]/.test(value) };
    const reasons: string[] = ['pattern'];
    if (detector.validate) {
      const verdict = detector.validate(digits, value);
      if (verdict === false) return;
      if (typeof verdict === 'string') {
        evidence.checksum = verdict;
        reasons.push('checksum:' + verdict);
      }
    }
    const header = this.headerFor(detector, start);
    if (header !== undefined) {
      evidence.header = header;
      reasons.push('header:' + header);
    }
    if (detector.keywords.length > 0) {
      const hit = nearestHit(
        this.hitsFor(detector),
        start,
        end,
        detector.contextWindow ?? this.contextWindow,
      );
      if (hit) {
        evidence.context = hit.keyword;
        reasons.push('context:' + hit.keyword);
      }
    }
    const score = detector.score(evidence);
    if (score <= 0) return;
    this.raw.push({ detector, start, end, value, score, reasons });
  }

  private hitsFor(detector: Detector): KeywordHit[] {
    let hits = this.keywordHits.get(detector);
    if (!hits) {
      hits = matcherFor(detector).findAll(this.text);
      this.keywordHits.set(detector, hits);
    }
    return hits;
  }

  private headerFor(detector: Detector, start: number): string | undefined {
    if (detector.headers.length === 0) return undefined;
    const header = this.rawHeaderAt(start);
    if (header === undefined) return undefined;
    const key = detector.entity + '\u0000' + header;
    let verdict = this.headerVerdicts.get(key);
    if (verdict === undefined) {
      verdict = headerMatches(normalizeHeader(header), detector.headers) !== undefined ? header.trim() : null;
      this.headerVerdicts.set(key, verdict);
    }
    return verdict === null ? undefined : verdict;
  }

  private rawHeaderAt(start: number): string | undefined {
    const options = this.options;
    if (options.header !== undefined) return options.header;
    if (options.headerAt) return options.headerAt(this.norm.toOriginal(start));
    if (options.tabular === false) return undefined;
    if (!this.delimited) this.delimited = new DelimitedHeaders(this.text);
    return this.delimited.headerAt(start);
  }
}

function visitClusters(scan: TextScan, dispatch: Dispatch): void {
  const text = scan.text;
  CLUSTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  const group: GroupStart = { text, start: 0, len: 0, next: NaN, prev: NaN, restDigits: 0 };
  while ((m = CLUSTER.exec(text)) !== null) {
    const clusterStart = m.index;
    const clusterEnd = clusterStart + m[0].length;
    let total = 0;
    for (let i = clusterStart; i < clusterEnd; i++) if (isDigitCode(text.charCodeAt(i))) total++;
    let i = clusterStart;
    let before = 0;
    while (i < clusterEnd) {
      const start = i;
      while (i < clusterEnd && isDigitCode(text.charCodeAt(i))) i++;
      const len = i - start;
      const bucket = dispatch.byLength[len > MAX_BUCKET ? MAX_BUCKET : len] as Dispatch['byLength'][number];
      if (bucket.length > 0) {
        group.start = start;
        group.len = len;
        group.next = text.charCodeAt(i);
        group.prev = text.charCodeAt(start - 1);
        group.restDigits = total - before;
        for (const entry of bucket) {
          const trigger = entry.detector.trigger;
          if (group.restDigits < trigger.minDigits) continue;
          if (trigger.test && !trigger.test(group)) continue;
          scan.tryAt(entry.detector, entry.index, group);
        }
      }
      before += len;
      while (i < clusterEnd && !isDigitCode(text.charCodeAt(i))) i++;
    }
  }
}

/** Characters allowed in an e-mail local part, scanning back from '@'. */
function isLocalPartCode(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 45 ||
    c === 43 ||
    c === 37 ||
    c === 39
  );
}

function visitAtSigns(scan: TextScan, dispatch: Dispatch): void {
  if (dispatch.atDetectors.length === 0) return;
  const text = scan.text;
  const group: GroupStart = { text, start: 0, len: 0, next: NaN, prev: NaN, restDigits: 0 };
  let at = text.indexOf('@');
  while (at >= 0) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalPartCode(text.charCodeAt(start - 1))) start--;
    // A local part cannot start with a dot.
    while (start < at && text.charCodeAt(start) === 46) start++;
    if (start < at) {
      group.start = start;
      group.len = at - start;
      group.next = text.charCodeAt(at + 1);
      group.prev = text.charCodeAt(start - 1);
      for (const entry of dispatch.atDetectors) {
        if (entry.detector.trigger.test && !entry.detector.trigger.test(group)) continue;
        scan.tryAt(entry.detector, entry.index, group);
      }
    }
    at = text.indexOf('@', at + 1);
  }
}

/**
 * Keeps the strongest finding where findings overlap: a 9-digit value under an SSN header is
 * an SSN, not also a bank number, a passport and a driver's license.
 */
function resolveOverlaps(raw: RawFinding[]): RawFinding[] {
  if (raw.length < 2) return raw;
  const byStrength = raw.slice().sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: RawFinding[] = [];
  const sortedKept: RawFinding[] = [];
  for (const candidate of byStrength) {
    if (!overlapsAny(sortedKept, candidate)) {
      kept.push(candidate);
      insertSorted(sortedKept, candidate);
    }
  }
  return kept.sort((a, b) => a.start - b.start);
}

function overlapsAny(sorted: RawFinding[], f: RawFinding): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as RawFinding).start < f.end) lo = mid + 1;
    else hi = mid;
  }
  // sorted[lo - 1] is the last kept finding starting before f ends; kept findings never overlap
  // each other, so only it can reach into f.
  const previous = sorted[lo - 1];
  return previous !== undefined && previous.end > f.start;
}

function insertSorted(sorted: RawFinding[], f: RawFinding): void {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as RawFinding).start < f.start) lo = mid + 1;
    else hi = mid;
  }
  sorted.splice(lo, 0, f);
}

/**
 * Finds sensitive values in one text. Offsets in the result refer to `original`.
 * Throws RangeError on invalid options; never on any input text.
 */
export function scanText(original: string, options: ScanTextOptions = {}): TextScanResult {
  const { detectors, minConfidence, contextWindow, maxChars } = readOptions(options);
  const truncated = original.length > maxChars;
  const input = truncated ? original.slice(0, maxChars) : original;
  const norm = normalizeText(input);
  const scan = new TextScan(norm.text, norm, options, contextWindow, detectors.length);
  const dispatch = dispatchFor(detectors);
  visitClusters(scan, dispatch);
  visitAtSigns(scan, dispatch);
  const findings: Finding[] = [];
  for (const f of resolveOverlaps(scan.raw)) {
    const confidence = tierOf(f.score);
    if (!atLeast(confidence, minConfidence)) continue;
    findings.push({
      entity: f.detector.entity,
      start: norm.toOriginal(f.start),
      end: originalEnd(norm, f.end, input.length),
      confidence,
      score: Math.round(f.score * 100) / 100,
      preview: f.detector.mask ? f.detector.mask(f.value) : maskKeepLast(f.value),
      reasons: f.reasons,
    });
  }
  return { findings, scannedChars: input.length, truncated };
}
