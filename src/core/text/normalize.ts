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

/** Anything that may need folding: non-ASCII, or an ampersand that may start an entity. */
// eslint-disable-next-line no-control-regex -- the ASCII range is the point
const NEEDS_FOLDING = /[^\x00-\x7e]|&[#a-zA-Z]/;

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

/** Normalizes `original` for matching. Pure ASCII text without entities is returned as is. */
export function normalizeText(original: string): NormalizedText {
  if (!NEEDS_FOLDING.test(original)) {
    return { text: original, toOriginal: (offset) => offset, identity: true };
  }
  const parts: string[] = [];
  // origin[i] = original offset of normalized code unit i; origin[length] = original length.
  const origin: number[] = [];
  let changed = false;
  let i = 0;
  while (i < original.length) {
    const code = original.charCodeAt(i);
    if (code === 0x26) {
      const entity = decodeEntityAt(original, i);
      if (entity) {
        for (let k = 0; k < entity.value.length; k++) origin.push(i);
        parts.push(entity.value);
        i += entity.length;
        changed = true;
        continue;
      }
    }
    if (code < 0x7f) {
      parts.push(original[i] as string);
      origin.push(i);
      i += 1;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    const folded = foldCodePoint(cp);
    const out = folded !== null ? folded : original.slice(i, i + width);
    if (folded !== null) changed = true;
    for (let k = 0; k < out.length; k++) origin.push(i);
    parts.push(out);
    i += width;
  }
  if (!changed) return { text: original, toOriginal: (offset) => offset, identity: true };
  origin.push(original.length);
  const text = parts.join('');
  return {
    text,
    identity: false,
    toOriginal: (offset) => {
      if (offset <= 0) return 0;
      if (offset >= origin.length - 1) return original.length;
      return origin[offset] as number;
    },
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
