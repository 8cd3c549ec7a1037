/**
 * Context words: whole words, case-insensitive, within a window around a match (Purview uses
 * 300 characters). Presidio's early substring matching made "lic" match "duplicate"; we check
 * word edges from the start, including for non-ASCII letters (multilingual SSN keywords).
 */

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Letters and digits of any script count as word characters for the edge check. */
function isWordChar(code: number): boolean {
  if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122)) return true;
  // Latin-1 letters and everything above (except the Latin-1 symbols and spaces we fold).
  return code >= 0xc0 && code !== 0xd7 && code !== 0xf7 && code !== 0x2028 && code !== 0x2029;
}

interface TrieNode {
  children: Map<string, TrieNode>;
  /** A keyword ends here. */
  end: boolean;
}

/** A space in a phrase stands for a short run of spaces, dashes or underscores. */
const PHRASE_GAP = '[\\s_-]{1,3}';

/**
 * The keywords as one regex shaped like their prefix tree ("dl(?:s|n)?|driv(?:er...)"): the
 * engine then reads each character once per start instead of trying every keyword in turn, which
 * halves the cost of a context lookup on mail. A keyword that is a prefix of another becomes an
 * optional tail, tried longest first, as the sorted alternation it replaces did.
 */
function trieSource(keywords: readonly string[]): string {
  const root: TrieNode = { children: new Map(), end: false };
  for (const keyword of keywords) {
    let node = root;
    for (const char of keyword) {
      let child = node.children.get(char);
      if (!child) {
        child = { children: new Map(), end: false };
        node.children.set(char, child);
      }
      node = child;
    }
    node.end = true;
  }
  return nodeSource(root);
}

function nodeSource(node: TrieNode): string {
  const branches: string[] = [];
  for (const [char, child] of node.children) {
    branches.push((char === ' ' ? PHRASE_GAP : escapeRegExp(char)) + nodeSource(child));
  }
  if (branches.length === 0) return '';
  const group = '(?:' + branches.join('|') + ')';
  if (node.end) return group + '?';
  return branches.length === 1 ? (branches[0] as string) : group;
}

export interface KeywordHit {
  start: number;
  end: number;
  keyword: string;
}

/** Compiles a detector's keyword list once; finds whole-word hits in a text. */
export class KeywordMatcher {
  private readonly regex: RegExp | null;

  constructor(keywords: readonly string[]) {
    this.regex = keywords.length > 0 ? new RegExp(trieSource(keywords), 'gi') : null;
  }

  /** Every whole-word hit in `text`. */
  findAll(text: string): KeywordHit[] {
    return this.findIn(text, 0, text.length);
  }

  /**
   * Whole-word hits inside text[from, to): the regex runs on that slice only, but word edges are
   * checked against the whole text, so a slice edge never invents a word boundary.
   */
  findIn(text: string, from: number, to: number): KeywordHit[] {
    const hits: KeywordHit[] = [];
    const regex = this.regex;
    if (!regex) return hits;
    const slice = from === 0 && to === text.length ? text : text.slice(from, to);
    regex.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = regex.exec(slice)) !== null) {
      const start = from + m.index;
      const end = start + m[0].length;
      if (isWholeWord(text, start, end)) hits.push({ start, end, keyword: m[0].toLowerCase() });
      if (m[0].length === 0) regex.lastIndex++;
    }
    return hits;
  }
}

function isWholeWord(text: string, start: number, end: number): boolean {
  const startsClean =
    !isWordChar(text.charCodeAt(start)) || start === 0 || !isWordChar(text.charCodeAt(start - 1));
  const endsClean =
    !isWordChar(text.charCodeAt(end - 1)) || end === text.length || !isWordChar(text.charCodeAt(end));
  return startsClean && endsClean;
}

/** The hit nearest to [start, end) within `window` characters on either side, if any. */
export function nearestHit(
  hits: readonly KeywordHit[],
  start: number,
  end: number,
  window: number,
): KeywordHit | undefined {
  // Binary search for the first hit that ends at or after start - window.
  let lo = 0;
  let hi = hits.length;
  const from = start - window;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((hits[mid] as KeywordHit).end < from) lo = mid + 1;
    else hi = mid;
  }
  let best: KeywordHit | undefined;
  let bestDistance = Infinity;
  for (let i = lo; i < hits.length; i++) {
    const hit = hits[i] as KeywordHit;
    if (hit.start > end + window) break;
    const distance = hit.end <= start ? start - hit.end : hit.start >= end ? hit.start - end : 0;
    if (distance < bestDistance) {
      best = hit;
      bestDistance = distance;
    }
  }
  return best;
}
