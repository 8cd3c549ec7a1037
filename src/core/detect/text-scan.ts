import type { NormalizedText } from '../text/normalize';
import { KeywordMatcher, nearestHit, type KeywordHit } from './context';
import { Candidates } from './candidates';
import { digitsOf, type Detector, type Evidence, type GroupStart } from './detector';
import type { ScanTextOptions } from './scan-text';
import { DelimitedHeaders, headerMatches, normalizeHeader } from './table';

/**
 * One scan of one text: trying a detector's pattern at a group, validating the match, and
 * gathering its evidence (column header, context words) lazily and memoized. The visitors in
 * scan-text.ts decide where to try; this decides what a match is worth.
 */

const matcherCache = new WeakMap<Detector, KeywordMatcher>();

function matcherFor(detector: Detector): KeywordMatcher {
  let matcher = matcherCache.get(detector);
  if (!matcher) {
    matcher = new KeywordMatcher(detector.keywords);
    matcherCache.set(detector, matcher);
  }
  return matcher;
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
export class TextScan {
  readonly kept = new Candidates();
  private readonly reasonLists = new ReasonLists();
  /**
   * The candidate being judged: one object reused for every candidate (scans are synchronous),
   * every field present from the start so the score functions see one shape.
   */
  private readonly evidence: Evidence = {
    value: '',
    digits: '',
    formatted: false,
    checksum: undefined,
    context: undefined,
    header: undefined,
  };
  /** Set once maxFindings candidates are kept: the visitors stop there. */
  full = false;
  // The maps below are made on first use: most texts of a mail never need them, and three
  // maps a text were ~2% of a mail corpus's scan.
  // Initialized, not just declared: every scan object then has one shape from the start.
  private keywordHits: Map<Detector, KeywordHit[]> | undefined = undefined;
  private contextLookups: Map<Detector, number> | undefined = undefined;
  /** Per detector, raw column header -> the trimmed header if it vouches, else null. */
  private headerVerdicts: Map<Detector, Map<string, string | null>> | undefined = undefined;
  private delimited: DelimitedHeaders | undefined = undefined;
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
    const candidate = this.evidence;
    candidate.value = value;
    // Addresses anchored at '@' are not numbers: no validator or score of theirs reads digits.
    candidate.digits = detector.trigger.anchor === 'at' ? '' : digitsOf(value);
    candidate.formatted = hasSeparator(value);
    candidate.checksum = undefined;
    candidate.context = undefined;
    candidate.header = undefined;
    if (detector.validate) {
      const verdict = detector.validate(candidate.digits, value);
      if (verdict === false) return;
      if (typeof verdict === 'string') candidate.checksum = verdict;
    }
    let score = detector.score(candidate);
    if (detector.headers.length > 0 && scoreWithHeader(detector, candidate) > score) {
      candidate.header = this.headerFor(detector, start);
      if (candidate.header !== undefined) score = detector.score(candidate);
    }
    if (detector.keywords.length > 0 && scoreWithContext(detector, candidate) > score) {
      candidate.context = this.contextFor(detector, start, end);
      if (candidate.context !== undefined) score = detector.score(candidate);
    }
    if (score > 0) this.add(detector, start, end, score);
  }

  /**
   * Detectors offered the same group try it one after another, so findings for the same span
   * arrive together: keep only the strongest of them here, before overlap resolution.
   */
  private add(detector: Detector, start: number, end: number, score: number): void {
    const kept = this.kept;
    if (kept.lastSpans(start, end)) {
      if (score > kept.lastScore())
        kept.replaceLast(detector, start, end, score, this.reasonLists.of(this.evidence));
      return;
    }
    kept.push(detector, start, end, score, this.reasonLists.of(this.evidence));
    if (kept.count >= this.maxFindings) this.full = true;
  }

  private contextFor(detector: Detector, start: number, end: number): string | undefined {
    const window = detector.contextWindow ?? this.contextWindow;
    let hits = this.keywordHits?.get(detector);
    if (!hits) {
      this.contextLookups ??= new Map();
      const lookups = (this.contextLookups.get(detector) ?? 0) + 1;
      this.contextLookups.set(detector, lookups);
      if (lookups <= LOCAL_CONTEXT_LOOKUPS) {
        const from = Math.max(0, start - window);
        const to = Math.min(this.text.length, end + window);
        return nearestHit(matcherFor(detector).findIn(this.text, from, to), start, end, window)?.keyword;
      }
      hits = matcherFor(detector).findAll(this.text);
      (this.keywordHits ??= new Map()).set(detector, hits);
    }
    return nearestHit(hits, start, end, window)?.keyword;
  }

  private headerFor(detector: Detector, start: number): string | undefined {
    const header = this.rawHeaderAt(start);
    if (header === undefined) return undefined;
    // Two map levels, not one keyed by entity + header: a roster asks this for every cell, and
    // the header strings, unlike a concatenation, come with their hash already computed.
    this.headerVerdicts ??= new Map();
    let verdicts = this.headerVerdicts.get(detector);
    if (verdicts === undefined) {
      verdicts = new Map();
      this.headerVerdicts.set(detector, verdicts);
    }
    let verdict = verdicts.get(header);
    if (verdict === undefined) {
      verdict = headerMatches(normalizeHeader(header), detector.headers) !== undefined ? header.trim() : null;
      verdicts.set(header, verdict);
    }
    return verdict === null ? undefined : verdict;
  }

  /** Detectors offered the same group ask for the same header: remember the last answer. */
  private lastHeaderStart = -1;
  private lastHeader: string | undefined = undefined;

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

/**
 * The score the detector would give with a column header, or with a context word, without
 * looking either up. Two functions with named fields: a store through a computed key
 * (`evidence[field]`) is a generic store in V8, 3-7% of a roster scan.
 */
function scoreWithHeader(detector: Detector, evidence: Evidence): number {
  evidence.header = '?';
  const score = detector.score(evidence);
  evidence.header = undefined;
  return score;
}

function scoreWithContext(detector: Detector, evidence: Evidence): number {
  evidence.context = '?';
  const score = detector.score(evidence);
  evidence.context = undefined;
  return score;
}

/** Most findings rest on their pattern alone: they share one frozen list. */
const PATTERN_ONLY: readonly string[] = Object.freeze(['pattern']);

/**
 * Why each finding scored what it did, as `Finding.reasons`. Lists with one piece of evidence
 * are shared within a scan: a roster column gives thousands of identical ['pattern',
 * 'header:SSN'] lists, and building each by push cost ~170 bytes (a grown backing store). Per
 * scan, not global: headers and context words come from the user's text, and a module-wide
 * cache would keep them.
 */
export class ReasonLists {
  // Made on first use: most texts of a mail have no finding at all.
  private byChecksum: Map<string, readonly string[]> | undefined = undefined;
  private byHeader: Map<string, readonly string[]> | undefined = undefined;
  private byContext: Map<string, readonly string[]> | undefined = undefined;

  of(evidence: Evidence): readonly string[] {
    const { checksum, header, context } = evidence;
    const count =
      (checksum === undefined ? 0 : 1) + (header === undefined ? 0 : 1) + (context === undefined ? 0 : 1);
    if (count === 0) return PATTERN_ONLY;
    if (count === 1) {
      if (checksum !== undefined) return shared((this.byChecksum ??= new Map()), 'checksum:', checksum);
      if (header !== undefined) return shared((this.byHeader ??= new Map()), 'header:', header);
      return shared((this.byContext ??= new Map()), 'context:', context as string);
    }
    // Exact size: no backing store grown for pushes.
    const reasons = new Array<string>(count + 1);
    reasons[0] = 'pattern';
    let next = 1;
    if (checksum !== undefined) reasons[next++] = 'checksum:' + checksum;
    if (header !== undefined) reasons[next++] = 'header:' + header;
    if (context !== undefined) reasons[next] = 'context:' + context;
    return reasons;
  }
}

function shared(lists: Map<string, readonly string[]>, kind: string, value: string): readonly string[] {
  let list = lists.get(value);
  if (list === undefined) {
    list = Object.freeze(['pattern', kind + value]);
    lists.set(value, list);
  }
  return list;
}
