import type { Confidence, Finding, LocatedFinding, Location } from '../types';
import { ALL_DETECTORS } from '../detectors';
import { maskKeepLast } from '../text/mask';
import { normalizeText, originalEnd, type NormalizedText } from '../text/normalize';
import { TIER_THRESHOLDS, tierOf } from './confidence';
import { isDigitCode, type Detector, type GroupStart } from './detector';
import { DEFAULT_CONTEXT_WINDOW, DEFAULT_MAX_FINDINGS, DEFAULT_MAX_SCAN_CHARS, checkLimit } from './limits';
import { resolveOverlaps } from './overlaps';
import type { Candidates } from './candidates';
import { TextScan } from './text-scan';

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

export interface TextScanResult<T extends Finding = Finding> {
  findings: T[];
  /** Characters of the original text that were scanned. */
  scannedChars: number;
  /** True when the tail of the text was not scanned: see `limitHit` for why. */
  truncated: boolean;
  /** Which limit stopped the scan, when one did. */
  limitHit?: 'maxChars' | 'maxFindings';
}

/**
 * Numeric clusters: digit groups joined by one or two separator characters. The regex only finds
 * where clusters END (the visitor walks back to their start), so it can skip what no detector
 * wants. A lone digit starts nothing unless letters and digits alternate after it ("1EG4", an
 * MBI) or it belongs to a hex-and-colon token ("1:", "1a:", "::1", IPv6); mail is full of lone
 * digits ("7bit", "1st", "page 2"). Linear: the separators are never digits, so there is one way
 * to match any input. Run with test(), which builds no match array (a third of this pass's cost
 * in exec()).
 */
const CLUSTER =
  /\d(?:\d|[ ./:()-]{1,2}\d)+|\d(?=[A-Za-z][A-Za-z0-9]\d|[A-Fa-f]{0,3}:)|:\d(?!\d|[ ./:()-]{1,2}\d)/g;

function isClusterSeparator(c: number): boolean {
  return c === 32 || c === 46 || c === 47 || c === 58 || c === 40 || c === 41 || c === 45;
}

/** Group lengths, and digit counts to the end of the cluster, above this share one bucket. */
const MAX_BUCKET = 24;

interface DispatchEntry {
  detector: Detector;
  index: number;
  minDigits: number;
  test: ((group: GroupStart) => boolean) | undefined;
  startAt: ((group: GroupStart) => number) | undefined;
  /** Trigger.near as a table: [0, 128) the character before, [128, 256) the one after. */
  near: Uint8Array | undefined;
}

interface Dispatch {
  /**
   * The entries to offer a group, by its length and its cluster's digits from it on (at index
   * length * (MAX_BUCKET + 1) + digits): only detectors that can start there, so a two-digit
   * number in prose meets four detectors rather than skipping past fifteen.
   */
  buckets: DispatchEntry[][];
  atDetectors: DispatchEntry[];
  /** See minClusterDigits. */
  minDigits: number;
}

function bucketIndex(len: number, restDigits: number): number {
  return (
    (len > MAX_BUCKET ? MAX_BUCKET : len) * (MAX_BUCKET + 1) +
    (restDigits > MAX_BUCKET ? MAX_BUCKET : restDigits)
  );
}

const dispatchCache = new WeakMap<readonly Detector[], Dispatch>();

function nearTable(near: Detector['trigger']['near']): Uint8Array | undefined {
  if (near === undefined) return undefined;
  const table = new Uint8Array(256);
  for (let c = 0; c < 128; c++) {
    const char = String.fromCharCode(c);
    if (near.before?.test(char)) table[c] = 1;
    if (near.after?.test(char)) table[128 + c] = 1;
  }
  return table;
}

/** Whether a group between `prev` and `next` passes a near table (NaN and non-ASCII always do). */
function isNear(table: Uint8Array, prev: number, next: number): boolean {
  if (!(prev < 128) || !(next < 128)) return true;
  return table[prev] === 1 || table[128 + next] === 1;
}

function dispatchFor(detectors: readonly Detector[]): Dispatch {
  const cached = dispatchCache.get(detectors);
  if (cached) return cached;
  const buckets: Dispatch['buckets'] = [];
  for (let i = 0; i < (MAX_BUCKET + 1) * (MAX_BUCKET + 1); i++) buckets.push([]);
  const atDetectors: Dispatch['atDetectors'] = [];
  detectors.forEach((detector, index) => {
    const trigger = detector.trigger;
    const entry: DispatchEntry = {
      detector,
      index,
      minDigits: trigger.minDigits,
      test: trigger.test,
      startAt: trigger.startAt,
      near: nearTable(trigger.near),
    };
    if (trigger.anchor === 'at') {
      atDetectors.push(entry);
      return;
    }
    const [min, max] = trigger.firstGroup;
    for (let len = Math.max(1, min); len <= Math.min(max, MAX_BUCKET); len++) {
      // The top bucket holds every minDigits above it too: visitGroup checks those.
      for (let rest = Math.min(len, MAX_BUCKET); rest <= MAX_BUCKET; rest++) {
        if (trigger.minDigits <= rest || rest === MAX_BUCKET)
          (buckets[bucketIndex(len, rest)] as DispatchEntry[]).push(entry);
      }
    }
  });
  const dispatch = { buckets, atDetectors, minDigits: minClusterDigits(detectors) };
  dispatchCache.set(detectors, dispatch);
  return dispatch;
}

/**
 * The fewest digits a cluster needs for any number detector of the set to start in it: US_SSN
 * alone needs 9, so a policy that looks for SSNs only skips a roster's zips, dates and license
 * numbers before walking their groups. Infinity when no detector starts at a digit.
 */
function minClusterDigits(detectors: readonly Detector[]): number {
  let min = Infinity;
  for (const detector of detectors)
    if (detector.trigger.anchor !== 'at') min = Math.min(min, detector.trigger.minDigits);
  return min;
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

/** Offers one digit group to the detectors whose first group can have its length. */
function visitGroup(scan: TextScan, dispatch: Dispatch, group: GroupStart, end: number): void {
  const bucket = dispatch.buckets[bucketIndex(group.len, group.restDigits)] as DispatchEntry[];
  if (bucket.length === 0) return;
  const text = group.text;
  group.next = text.charCodeAt(end);
  group.prev = text.charCodeAt(group.start - 1);
  for (let k = 0; k < bucket.length; k++) {
    const entry = bucket[k] as DispatchEntry;
    if (group.restDigits < entry.minDigits) continue;
    if (entry.near !== undefined && !isNear(entry.near, group.prev, group.next)) continue;
    if (entry.startAt !== undefined) {
      const at = entry.startAt(group);
      if (at >= 0) scan.tryFrom(entry.detector, entry.index, at, at);
      continue;
    }
    if (entry.test !== undefined && !entry.test(group)) continue;
    scan.tryAt(entry.detector, entry.index, group);
  }
}

/**
 * Where the cluster ending at `end` starts, walking back over digits and the one or two
 * separators that join them: the same rule as CLUSTER, read right to left. It cannot run into
 * the previous cluster, which would then have reached this one. Also counts the digits.
 */
function clusterStart(text: string, end: number, out: { digits: number }): number {
  let start = end;
  let digits = 0;
  for (;;) {
    const c = text.charCodeAt(start - 1);
    if (isDigitCode(c)) {
      start--;
      digits++;
      continue;
    }
    if (digits === 0 || !isClusterSeparator(c)) break;
    let link = start - 1;
    if (!isDigitCode(text.charCodeAt(link - 1))) {
      if (!isClusterSeparator(text.charCodeAt(link - 1)) || !isDigitCode(text.charCodeAt(link - 2))) break;
      link--;
    }
    start = link;
  }
  out.digits = digits;
  return start;
}

function visitClusters(scan: TextScan, dispatch: Dispatch): void {
  if (dispatch.minDigits === Infinity) return;
  const text = scan.text;
  CLUSTER.lastIndex = 0;
  const group: GroupStart = { text, start: 0, len: 0, next: NaN, prev: NaN, restDigits: 0 };
  const count = { digits: 0 };
  while (!scan.full && CLUSTER.test(text)) {
    const clusterEnd = CLUSTER.lastIndex;
    const first = clusterStart(text, clusterEnd, count);
    const total = count.digits;
    if (total < dispatch.minDigits) continue;
    if (total === clusterEnd - first) {
      // Most clusters are one bare number: no separators to walk.
      group.start = first;
      group.len = group.restDigits = total;
      visitGroup(scan, dispatch, group, clusterEnd);
      continue;
    }
    let i = first;
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

/** Characters allowed in an e-mail local part, as a table: one load per character scanned back. */
const LOCAL_PART = (() => {
  const table = new Uint8Array(128);
  for (const char of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-+%'")
    table[char.charCodeAt(0)] = 1;
  return table;
})();

function isLocalPartCode(c: number): boolean {
  return c < 128 && LOCAL_PART[c] === 1;
}

/** Offers the local part before each '@' to the detectors anchored there (e-mail). */
function visitAtSigns(scan: TextScan, entries: readonly DispatchEntry[]): void {
  if (entries.length === 0) return;
  const text = scan.text;
  const group: GroupStart = { text, start: 0, len: 0, next: NaN, prev: NaN, restDigits: 0 };
  for (let at = text.indexOf('@'); at >= 0 && !scan.full; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalPartCode(text.charCodeAt(start - 1))) start--;
    // A local part starts with a letter or digit in practice; quotes and dots before it are prose.
    while (start < at && !isAlnumCode(text.charCodeAt(start))) start++;
    if (start === at) continue;
    group.start = start;
    group.len = at - start;
    group.next = text.charCodeAt(at + 1);
    group.prev = text.charCodeAt(start - 1);
    for (const entry of entries) {
      if (entry.test !== undefined && !entry.test(group)) continue;
      scan.tryAt(entry.detector, entry.index, group);
    }
  }
}

/**
 * Calls `make` for each kept candidate at or above the minimum score, in text order, with its
 * offsets in the original text. The two callers build their two object shapes directly: adding
 * a location to a built Finding changes its hidden class (a third of a roster scan, 38.5 against
 * 25.4 ms), and copying one into a LocatedFinding allocated ~1 MB more per roster scan.
 */
function eachFinding(run: EngineRun, make: (i: number, start: number, end: number) => void): void {
  const { kept, order, norm, inputLength, minScore } = run;
  const count = order === undefined ? kept.count : order.length;
  for (let k = 0; k < count; k++) {
    const i = order === undefined ? k : (order[k] as number);
    if ((kept.scores[i] as number) < minScore) continue;
    const start = kept.starts[i] as number;
    const end = kept.ends[i] as number;
    if (norm.identity) make(i, start, end);
    else make(i, norm.toOriginal(start), originalEnd(norm, end, inputLength));
  }
}

/** The masked value of kept candidate i, read from the normalized text. */
function previewOf(run: EngineRun, i: number): string {
  const { kept, norm } = run;
  const detector = kept.detectors[i] as Detector;
  const value = norm.text.slice(kept.starts[i], kept.ends[i]);
  return detector.mask ? detector.mask(value) : maskKeepLast(value);
}

/** The public findings: original offsets, tier, rounded score, masked preview, reasons. */
function toFindings(run: EngineRun): Finding[] {
  const { kept } = run;
  const findings: Finding[] = [];
  eachFinding(run, (i, start, end) => {
    const score = kept.scores[i] as number;
    findings.push({
      entity: (kept.detectors[i] as Detector).entity,
      start,
      end,
      confidence: tierOf(score),
      score: Math.round(score * 100) / 100,
      preview: previewOf(run, i),
      reasons: kept.reasons[i] as readonly string[],
    });
  });
  return findings;
}

/** The same with each finding's Location, added to `findings`; returns how many. */
function toLocatedFindings(
  run: EngineRun,
  locate: (start: number) => Location,
  findings: LocatedFinding[],
): number {
  const { kept } = run;
  const before = findings.length;
  eachFinding(run, (i, start, end) => {
    const score = kept.scores[i] as number;
    findings.push({
      entity: (kept.detectors[i] as Detector).entity,
      start,
      end,
      confidence: tierOf(score),
      score: Math.round(score * 100) / 100,
      preview: previewOf(run, i),
      reasons: kept.reasons[i] as readonly string[],
      location: locate(start),
    });
  });
  return findings.length - before;
}

/** What the engine found in one text, before the findings are built. */
interface EngineRun {
  kept: Candidates;
  /** Indexes into `kept` of the candidates that survive overlap resolution, in text order; undefined for all of them as kept. */
  order: number[] | undefined;
  norm: NormalizedText;
  inputLength: number;
  minScore: number;
  full: boolean;
  truncated: boolean;
}

function runEngine(original: string, options: ScanTextOptions): EngineRun {
  const { detectors, minConfidence, contextWindow, maxChars, maxFindings } = readOptions(options);
  const truncated = original.length > maxChars;
  const input = truncated ? original.slice(0, maxChars) : original;
  const norm = normalizeText(input);
  const scan = new TextScan(norm.text, norm, options, contextWindow, detectors.length, maxFindings);
  const dispatch = dispatchFor(detectors);
  visitClusters(scan, dispatch);
  visitAtSigns(scan, dispatch.atDetectors);
  const minScore = minConfidence === 'low' ? 0 : TIER_THRESHOLDS[minConfidence];
  const order = resolveOverlaps(scan.kept);
  return { kept: scan.kept, order, norm, inputLength: input.length, minScore, full: scan.full, truncated };
}

function resultOf<T extends Finding>(run: EngineRun, findings: T[]): TextScanResult<T> {
  const scannedChars = run.inputLength;
  if (run.full) return { findings, scannedChars, truncated: true, limitHit: 'maxFindings' };
  return run.truncated
    ? { findings, scannedChars, truncated: true, limitHit: 'maxChars' }
    : { findings, scannedChars, truncated: false };
}

/**
 * Finds sensitive values in one text. Offsets in the result refer to `original`.
 * Throws RangeError on invalid options; never on any input text.
 */
export function scanText(original: string, options: ScanTextOptions = {}): TextScanResult {
  const run = runEngine(original, options);
  return resultOf(run, toFindings(run));
}

/** What {@link scanTextLocated} did; its findings went to the caller's list. */
export interface LocatedScanStatus extends Omit<TextScanResult, 'findings'> {
  /** How many findings it added. */
  found: number;
}

/**
 * {@link scanText} with each finding's Location, which `locate` gives from the finding's start
 * offset in `original` (scanMessage: the cell, page or part it sits in). The findings are added
 * to `into`, the attachment's list, rather than copied there from a list of their own.
 */
export function scanTextLocated(
  original: string,
  options: ScanTextOptions,
  locate: (start: number) => Location,
  into: LocatedFinding[],
): LocatedScanStatus {
  const run = runEngine(original, options);
  const found = toLocatedFindings(run, locate, into);
  const { scannedChars, truncated, limitHit } = resultOf(run, into);
  return limitHit === undefined
    ? { found, scannedChars, truncated }
    : { found, scannedChars, truncated, limitHit };
}
