/**
 * Text normalization before matching, with a map back to the original offsets.
 *
 * Detectors match ASCII shapes (digits, dashes, spaces), but people and programs write
 * fullwidth digits, non-breaking spaces, Unicode dashes, zero-width characters and HTML
 * entities. We fold those to ASCII and remember, for every normalized code unit, the original
 * offset it came from, so findings point into the text the user wrote.
 *
 * String.prototype.normalize is not relied on: Outlook's JavaScript-only runtime may lack
 * full Unicode data. The folds below are the ones that change what a number looks like.
 */

export interface NormalizedText {
  /** The text detectors run on. */
  text: string;
  /** Maps an offset in `text` (0..text.length) to an offset in the original. */
  toOriginal(offset: number): number;
  /** True when `text` is the original unchanged (the common, fast case). */
  identity: boolean;
}

/**
 * Candidates for folding: any non-ASCII unit or an ampersand that may start an entity. A simple
 * class V8 scans fast; foldAt decides, and most candidates (accented letters) are kept as they are.
 */
// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const FOLDABLE = /[^\x00-\x7e]|&[#a-zA-Z]/g;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '-',
  mdash: '-',
  minus: '-',
  hyphen: '-',
  dash: '-',
  num: '#',
  commat: '@',
  period: '.',
  sol: '/',
  lpar: '(',
  rpar: ')',
};

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]{2,8}));/y;

/** Folds one code point to the ASCII it stands for, '' to drop it, or null to keep it. */
export function foldCodePoint(cp: number): string | null {
  // Fullwidth ASCII variants (FF01..FF5E) -> ASCII: NFKC's mapping for these forms.
  if (cp >= 0xff01 && cp <= 0xff5e) return String.fromCharCode(cp - 0xfee0);
  // Zero-width and invisible format characters: drop.
  if (cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0xad)
    return '';
  // Spaces of every width, including no-break spaces.
  if (cp === 0xa0 || cp === 0x202f || cp === 0x205f || cp === 0x3000 || (cp >= 0x2000 && cp <= 0x200a))
    return ' ';
  // Dashes and minus signs.
  if ((cp >= 0x2010 && cp <= 0x2015) || cp === 0x2212 || cp === 0xfe58 || cp === 0xfe63 || cp === 0xff0d)
    return '-';
  // Other decimal digits that NFKC maps to ASCII: superscripts/subscripts aside, the
  // mathematical and Arabic-Indic digit blocks are what shows up in pasted data.
  if (cp >= 0x0660 && cp <= 0x0669) return String.fromCharCode(48 + cp - 0x0660);
  if (cp >= 0x06f0 && cp <= 0x06f9) return String.fromCharCode(48 + cp - 0x06f0);
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) return String.fromCharCode(48 + ((cp - 0x1d7ce) % 10));
  if (cp === 0x2024 || cp === 0xfe52) return '.';
  if (cp === 0x2044 || cp === 0x2215) return '/';
  return null;
}

function decodeEntityAt(text: string, index: number): { value: string; length: number } | null {
  ENTITY.lastIndex = index;
  const m = ENTITY.exec(text);
  if (!m) return null;
  let cp: number | undefined;
  if (m[1] !== undefined) cp = parseInt(m[1], 10);
  else if (m[2] !== undefined) cp = parseInt(m[2], 16);
  else {
    const named = NAMED_ENTITIES[(m[3] ?? '').toLowerCase()];
    return named === undefined ? null : { value: named, length: m[0].length };
  }
  if (cp > 0x10ffff) return null;
  const folded = foldCodePoint(cp);
  const value = folded !== null ? folded : String.fromCodePoint(cp);
  return { value, length: m[0].length };
}

/**
 * A piecewise map: normalized offsets from `from[i]` on come from original offsets starting at
 * `origin[i]` and advance one to one until the next piece.
 */
class OffsetMap {
  readonly from: number[] = [0];
  readonly origin: number[] = [0];

  /** Starts a new piece at normalized offset `normalized`, mapped to `original`. */
  mark(normalized: number, original: number): void {
    this.from.push(normalized);
    this.origin.push(original);
  }

  toOriginal(offset: number): number {
    let lo = 0;
    let hi = this.from.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.from[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.origin[lo] as number) + (offset - (this.from[lo] as number));
  }
}

/** What to put in place of the foldable unit at `index`: folded text and original length consumed. */
function foldAt(original: string, index: number): { value: string; length: number } | null {
  if (original.charCodeAt(index) === 0x26) return decodeEntityAt(original, index);
  const cp = original.codePointAt(index) as number;
  const folded = foldCodePoint(cp);
  return folded === null ? null : { value: folded, length: cp > 0xffff ? 2 : 1 };
}

interface NativeEncoder {
  encodeInto(source: string, destination: Uint8Array): { read: number; written: number };
}

/** TextEncoder where the runtime has one, read through `typeof` (see text-decode.ts). */
declare const TextEncoder: (new () => NativeEncoder) | undefined;

const encoder: NativeEncoder | undefined = typeof TextEncoder === 'function' ? new TextEncoder() : undefined;

/** Characters checked per encodeInto call: bounds the scratch buffer this module keeps. */
const ASCII_CHECK_CHUNK = 65536;
let asciiScratch: Uint8Array | undefined;

/**
 * True when every unit is below 0x80, by the runtime's native UTF-8 encoder into a buffer one
 * byte per character: it stops short at the first wider character. Three times faster than the
 * FOLDABLE search on mail; undefined when the runtime has no encoder.
 */
function isAscii(text: string): boolean | undefined {
  if (encoder === undefined) return undefined;
  asciiScratch = asciiScratch ?? new Uint8Array(ASCII_CHECK_CHUNK);
  for (let from = 0; from < text.length; from += ASCII_CHECK_CHUNK) {
    const chunk = text.length <= ASCII_CHECK_CHUNK ? text : text.slice(from, from + ASCII_CHECK_CHUNK);
    const { read, written } = encoder.encodeInto(chunk, asciiScratch);
    if (read !== chunk.length || written !== chunk.length) return false;
  }
  return true;
}

/** Whether an '&' may open an entity ('&#', '&amp'): the only ASCII that folds. */
function hasEntityStart(text: string): boolean {
  for (let at = text.indexOf('&'); at >= 0; at = text.indexOf('&', at + 1)) {
    const c = text.charCodeAt(at + 1) | 32;
    if (c === 35 || (c >= 97 && c <= 122)) return true;
  }
  return false;
}

/** Nothing FOLDABLE can match, known without running it: pure ASCII and no entity. */
function nothingToFold(original: string): boolean {
  return isAscii(original) === true && !hasEntityStart(original);
}

/** Normalizes `original` for matching. Text with nothing to fold is returned as is. */
export function normalizeText(original: string): NormalizedText {
  if (nothingToFold(original)) return { text: original, toOriginal: (offset) => offset, identity: true };
  FOLDABLE.lastIndex = 0;
  let m = FOLDABLE.exec(original);
  if (m === null) return { text: original, toOriginal: (offset) => offset, identity: true };
  const parts: string[] = [];
  const map = new OffsetMap();
  let copiedUpTo = 0;
  let length = 0;
  while (m !== null) {
    const fold = foldAt(original, m.index);
    if (fold) {
      parts.push(original.slice(copiedUpTo, m.index), fold.value);
      length += m.index - copiedUpTo;
      // Every unit of the folded value maps to the start of what it replaced.
      for (let k = 0; k < fold.value.length; k++) map.mark(length + k, m.index);
      length += fold.value.length;
      copiedUpTo = m.index + fold.length;
      map.mark(length, copiedUpTo);
      FOLDABLE.lastIndex = copiedUpTo;
    }
    m = FOLDABLE.exec(original);
  }
  if (copiedUpTo === 0) return { text: original, toOriginal: (offset) => offset, identity: true };
  parts.push(original.slice(copiedUpTo));
  const text = parts.join('');
  return {
    text,
    identity: false,
    toOriginal: (offset) => Math.min(original.length, map.toOriginal(Math.max(0, offset))),
  };
}

/** End offsets map to just past the last original unit the match covered. */
export function originalEnd(norm: NormalizedText, end: number, originalLength: number): number {
  if (norm.identity) return end;
  if (end <= 0) return 0;
  const lastStart = norm.toOriginal(end - 1);
  // The next normalized unit's origin is where the covered original run ends.
  const next = norm.toOriginal(end);
  return next > lastStart ? next : Math.min(originalLength, lastStart + 1);
}
