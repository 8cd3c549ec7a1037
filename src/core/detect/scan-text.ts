import type { Confidence, Finding } from '../types';
import { ALL_DETECTORS } from '../detectors';
import { maskKeepLast } from '../text/mask';
import { normalizeText, originalEnd, type NormalizedText } from '../text/normalize';
import { TIER_THRESHOLDS, tierOf } from './confidence';
import { KeywordMatcher, nearestHit, type KeywordHit } from './context';
import { digitsOf, isDigitCode, type Detector, type Evidence, type GroupStart } from './detector';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_SCAN_CHARS, checkLimit } from './limits';
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
  /**
   * Candidate findings kept at most; past it the scan stops and `truncated` is set. Default
   * 1,000,000. It bounds memory on a file that is nothing but numbers (a 25 MB roster CSV yields
   * over a million findings at ~650 bytes each), where the verdict is long decided.
   */
  maxFindings?: number;
}

export interface TextScanResult {
  findings: Finding[];
  /** Characters of the original text that were scanned. */
  scannedChars: number;
  /** True when the tail of the text was not scanned: see `limitHit` for why. */
  truncated: boolean;
  /** Which limit stopped the scan, when one did. */
  limitHit?: 'maxChars' | 'maxFindings';
}

/**
 * Numeric clusters: digit groups joined by one or two separator characters. Linear: the
 * separators are never digits, so there is one way to match any input.
 */
const CLUSTER = /\d+((?:[ ./:()-]{1,2}\d+)*)/g;
/** Group lengths above this share one dispatch bucket. */
const MAX_BUCKET = 24;

interface DispatchEntry {
  detector: Detector;
  index: number;
  minDigits: number;
  test: ((group: GroupStart) => boolean) | undefined;
  startAt: ((group: GroupStart) => number) | undefined;
}

interface Dispatch {
  byLength: DispatchEntry[][];
  atDetectors: DispatchEntry[];
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
    const trigger = detector.trigger;
    const entry: DispatchEntry = {
      detector,
      index,
      minDigits: trigger.minDigits,
      test: trigger.test,
      startAt: trigger.startAt,
    };
    if (trigger.anchor === 'at') {
      atDetectors.push(entry);
      return;
    }
    const [min, max] = trigger.firstGroup;
    for (let len = Math.max(1, min); len <= Math.min(max, MAX_BUCKET); len++) {
      (byLength[len] as DispatchEntry[]).push(entry);
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

/** A candidate and its evidence in one object: one allocation per candidate. */
interface RawFinding extends Evidence {
  detector: Detector;
  start: number;
  end: number;
  score: number;
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
    maxFindings:
      options.maxFindings === undefined
        ? DEFAULT_MAX_FINDINGS
        : checkLimit(options.maxFindings, 'maxFindings', 1, 100_000_000),
  };
}

/**
 * Keyword lookups per detector answered from a window of text before the whole text is indexed:
 * a message with one date should not pay for a scan of all of it, one with thousands should.
 */
const LOCAL_CONTEXT_LOOKUPS = 8;

/** True when the value carries anything but letters and digits (dashes, spaces, dots). */
function hasSeparator(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return true;
  }
  return false;
}

/** Everything one scan of one text needs; evidence lookups are lazy and memoized. */
class TextScan {
  readonly raw: RawFinding[] = [];
  /** Set once maxFindings candidates are kept: the visitors stop there. */
  full = false;
  private readonly keywordHits = new Map<Detector, KeywordHit[]>();
  private readonly contextLookups = new Map<Detector, number>();
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
    private readonly maxFindings: number,
  ) {
    this.matchedUntil = new Array<number>(detectorCount).fill(-1);
  }

  tryAt(detector: Detector, index: number, group: GroupStart): void {
    this.tryFrom(detector, index, Math.max(0, group.start - (detector.trigger.lead ?? 0)), group.start);
  }

  /** Tries the sticky pattern at each offset from `first` to `last`; the first match wins. */
  tryFrom(detector: Detector, index: number, first: number, last: number): void {
    if (last < (this.matchedUntil[index] as number)) return;
    const pattern = detector.pattern;
    for (let p = first; p <= last; p++) {
      pattern.lastIndex = p;
      // test() on a sticky pattern leaves lastIndex at the match end without building a match
      // array: most matches are rejected by validation, so this saves most of the allocations.
      if (pattern.test(this.text) && pattern.lastIndex > p) {
        const end = pattern.lastIndex;
        this.matchedUntil[index] = end;
        this.consider(detector, p, end, this.text.slice(p, end));
        return;
      }
    }
  }

  /**
   * Validates a match and gathers its evidence. A header or a context word is looked up only
   * where it could change the score: both cost more than everything else here.
   */
  consider(detector: Detector, start: number, end: number, value: string): void {
    // Every field present from the start keeps one object shape for the score functions.
    const candidate: RawFinding = {
      value,
      digits: digitsOf(value),
      formatted: hasSeparator(value),
      checksum: undefined,
      context: undefined,
      header: undefined,
      detector,
      start,
      end,
      score: 0,
    };
    if (detector.validate) {
      const verdict = detector.validate(candidate.digits, value);
      if (verdict === false) return;
      if (typeof verdict === 'string') candidate.checksum = verdict;
    }
    let score = detector.score(candidate);
    if (detector.headers.length > 0 && scoreWith(detector, candidate, 'header') > score) {
      candidate.header = this.headerFor(detector, start);
      if (candidate.header !== undefined) score = detector.score(candidate);
    }
    if (detector.keywords.length > 0 && scoreWith(detector, candidate, 'context') > score) {
      candidate.context = this.contextFor(detector, start, end);
      if (candidate.context !== undefined) score = detector.score(candidate);
    }
    candidate.score = score;
    if (score > 0) this.add(candidate);
  }

  /**
   * Detectors offered the same group try it one after another, so findings for the same span
   * arrive together: keep only the strongest of them here, before overlap resolution.
   */
  private add(finding: RawFinding): void {
    const last = this.raw[this.raw.length - 1];
    if (last !== undefined && last.start === finding.start && last.end === finding.end) {
      if (finding.score > last.score) this.raw[this.raw.length - 1] = finding;
      return;
    }
    this.raw.push(finding);
    if (this.raw.length >= this.maxFindings) this.full = true;
  }

  private contextFor(detector: Detector, start: number, end: number): string | undefined {
    const window = detector.contextWindow ?? this.contextWindow;
    let hits = this.keywordHits.get(detector);
    if (!hits) {
      const lookups = (this.contextLookups.get(detector) ?? 0) + 1;
      this.contextLookups.set(detector, lookups);
      if (lookups <= LOCAL_CONTEXT_LOOKUPS) {
        const from = Math.max(0, start - window);
        const to = Math.min(this.text.length, end + window);
        return nearestHit(matcherFor(detector).findIn(this.text, from, to), start, end, window)?.keyword;
      }
      hits = matcherFor(detector).findAll(this.text);
      this.keywordHits.set(detector, hits);
    }
    return nearestHit(hits, start, end, window)?.keyword;
  }

  private headerFor(detector: Detector, start: number): string | undefined {
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

  /** Detectors offered the same group ask for the same header: remember the last answer. */
  private lastHeaderStart = -1;
  private lastHeader: string | undefined;

  private rawHeaderAt(start: number): string | undefined {
    if (start !== this.lastHeaderStart) {
      this.lastHeaderStart = start;
      this.lastHeader = this.lookUpHeader(start);
    }
    return this.lastHeader;
  }

  private lookUpHeader(start: number): string | undefined {
    const options = this.options;
    if (options.header !== undefined) return options.header;
    if (options.headerAt) return options.headerAt(this.norm.toOriginal(start));
    if (options.tabular === false) return undefined;
    if (!this.delimited) this.delimited = new DelimitedHeaders(this.text);
    return this.delimited.headerAt(start);
  }
}

/** The score the detector would give with a header or a context word, without allocating. */
function scoreWith(detector: Detector, evidence: Evidence, field: 'header' | 'context'): number {
  evidence[field] = '?';
  const score = detector.score(evidence);
  evidence[field] = undefined;
  return score;
}

function reasonsOf(evidence: Evidence): string[] {
  const reasons = ['pattern'];
  if (evidence.checksum !== undefined) reasons.push('checksum:' + evidence.checksum);
  if (evidence.header !== undefined) reasons.push('header:' + evidence.header);
  if (evidence.context !== undefined) reasons.push('context:' + evidence.context);
  return reasons;
}

/** Offers one digit group to the detectors whose first group can have its length. */
function visitGroup(scan: TextScan, dispatch: Dispatch, group: GroupStart, end: number): void {
  const len = group.len;
  const bucket = dispatch.byLength[len > MAX_BUCKET ? MAX_BUCKET : len] as DispatchEntry[];
  if (bucket.length === 0) return;
  const text = group.text;
  group.next = text.charCodeAt(end);
  group.prev = text.charCodeAt(group.start - 1);
  for (let k = 0; k < bucket.length; k++) {
    const entry = bucket[k] as DispatchEntry;
    if (group.restDigits < entry.minDigits) continue;
    if (entry.startAt !== undefined) {
      const at = entry.startAt(group);
      if (at >= 0) scan.tryFrom(entry.detector, entry.index, at, at);
      continue;
    }
    if (entry.test !== undefined && !entry.test(group)) continue;
    scan.tryAt(entry.detector, entry.index, group);
  }
}

function visitClusters(scan: TextScan, dispatch: Dispatch): void {
  const text = scan.text;
  CLUSTER.lastIndex = 0;
  let m: RegExpExecArray | null;
  const group: GroupStart = { text, start: 0, len: 0, next: NaN, prev: NaN, restDigits: 0 };
  while (!scan.full && (m = CLUSTER.exec(text)) !== null) {
    const clusterStart = m.index;
    const clusterEnd = clusterStart + m[0].length;
    group.start = clusterStart;
    if (m[1] === '') {
      // Most clusters are one bare number: no separators to walk.
      group.len = group.restDigits = clusterEnd - clusterStart;
      visitGroup(scan, dispatch, group, clusterEnd);
      continue;
    }
    let total = 0;
    for (let i = clusterStart; i < clusterEnd; i++) if (isDigitCode(text.charCodeAt(i))) total++;
    let i = clusterStart;
    let before = 0;
    while (i < clusterEnd) {
      const start = i;
      while (i < clusterEnd && isDigitCode(text.charCodeAt(i))) i++;
      group.start = start;
      group.len = i - start;
      group.restDigits = total - before;
      visitGroup(scan, dispatch, group, i);
      before += group.len;
      while (i < clusterEnd && !isDigitCode(text.charCodeAt(i))) i++;
    }
  }
}

function isAlnumCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
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
  while (at >= 0 && !scan.full) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalPartCode(text.charCodeAt(start - 1))) start--;
    // A local part starts with a letter or digit in practice; quotes and dots before it are prose.
    while (start < at && !isAlnumCode(text.charCodeAt(start))) start++;
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
 * an SSN, not also a bank number, a passport and a driver's license. Strongest first, each
 * finding claims its characters in a bitmap; one that touches a claimed character is dropped.
 * Findings are short, so this is linear in the covered text (an interval list was quadratic on a
 * line of 100,000 numbers).
 */
function resolveOverlaps(raw: RawFinding[]): RawFinding[] {
  if (raw.length < 2) return raw;
  // Findings arrive almost in text order (numbers, then addresses), so this sort is cheap, and
  // most texts have no overlap at all: then there is nothing to resolve.
  const byStart = raw.sort((a, b) => a.start - b.start);
  let overlapping = false;
  for (let i = 1; i < byStart.length && !overlapping; i++) {
    if ((byStart[i] as RawFinding).start < (byStart[i - 1] as RawFinding).end) overlapping = true;
  }
  return overlapping ? keepStrongest(byStart) : byStart;
}

function keepStrongest(raw: RawFinding[]): RawFinding[] {
  let from = Infinity;
  let to = 0;
  for (const f of raw) {
    if (f.start < from) from = f.start;
    if (f.end > to) to = f.end;
  }
  const claimed = new Uint8Array(to - from);
  const byStrength = raw.slice().sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: RawFinding[] = [];
  for (const candidate of byStrength) {
    let free = true;
    for (let i = candidate.start - from; i < candidate.end - from && free; i++) if (claimed[i]) free = false;
    if (!free) continue;
    claimed.fill(1, candidate.start - from, candidate.end - from);
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * Finds sensitive values in one text. Offsets in the result refer to `original`.
 * Throws RangeError on invalid options; never on any input text.
 */
export function scanText(original: string, options: ScanTextOptions = {}): TextScanResult {
  const { detectors, minConfidence, contextWindow, maxChars, maxFindings } = readOptions(options);
  const truncated = original.length > maxChars;
  const input = truncated ? original.slice(0, maxChars) : original;
  const norm = normalizeText(input);
  const scan = new TextScan(norm.text, norm, options, contextWindow, detectors.length, maxFindings);
  const dispatch = dispatchFor(detectors);
  visitClusters(scan, dispatch);
  visitAtSigns(scan, dispatch);
  const findings: Finding[] = [];
  const minScore = minConfidence === 'low' ? 0 : TIER_THRESHOLDS[minConfidence];
  for (const f of resolveOverlaps(scan.raw)) {
    if (f.score < minScore) continue;
    const confidence = tierOf(f.score);
    findings.push({
      entity: f.detector.entity,
      start: norm.toOriginal(f.start),
      end: originalEnd(norm, f.end, input.length),
      confidence,
      score: Math.round(f.score * 100) / 100,
      preview: f.detector.mask ? f.detector.mask(f.value) : maskKeepLast(f.value),
      reasons: reasonsOf(f),
    });
  }
  if (scan.full) return { findings, scannedChars: input.length, truncated: true, limitHit: 'maxFindings' };
  return truncated
    ? { findings, scannedChars: input.length, truncated, limitHit: 'maxChars' }
    : { findings, scannedChars: input.length, truncated };
}
