/**
 * Confusable folding for look-alike domains. Two layers:
 * 1. Unicode letters that render like Latin ones (Cyrillic а е о р с х ..., Greek ο α ...,
 *    fullwidth forms) fold to the Latin letter, after Unicode's confusables.txt (a small subset:
 *    the letters that actually appear in IDN phishing domains).
 * 2. ASCII homoglyph sequences that read alike in a mail client font: 0/o, 1/l/i, rn/m, vv/w, cl/d.
 * The result (the "skeleton") is only ever compared, never shown.
 */

const UNICODE_TO_LATIN: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  һ: 'h',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɡ: 'g',
  ү: 'y',
  ь: 'b',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  // Latin letters with marks that hide well at small sizes
  à: 'a',
  á: 'a',
  â: 'a',
  ã: 'a',
  ä: 'a',
  å: 'a',
  ç: 'c',
  è: 'e',
  é: 'e',
  ê: 'e',
  ë: 'e',
  ì: 'i',
  í: 'i',
  î: 'i',
  ï: 'i',
  ı: 'i',
  ñ: 'n',
  ò: 'o',
  ó: 'o',
  ô: 'o',
  õ: 'o',
  ö: 'o',
  ø: 'o',
  ù: 'u',
  ú: 'u',
  û: 'u',
  ü: 'u',
  ý: 'y',
  ÿ: 'y',
  ł: 'l',
  ś: 's',
  ź: 'z',
  ż: 'z',
  ń: 'n',
  ć: 'c',
  ę: 'e',
  ą: 'a',
};

const FULLWIDTH_START = 0xff01;
const FULLWIDTH_END = 0xff5e;
const FULLWIDTH_OFFSET = 0xfee0;

/** Folds Unicode look-alikes of Latin letters to the Latin letter; other characters stay. */
export function foldUnicodeConfusables(value: string): string {
  let out = '';
  for (const ch of value.toLowerCase()) {
    const code = ch.codePointAt(0) as number;
    if (code >= FULLWIDTH_START && code <= FULLWIDTH_END) {
      out += String.fromCharCode(code - FULLWIDTH_OFFSET).toLowerCase();
      continue;
    }
    out += UNICODE_TO_LATIN[ch] ?? ch;
  }
  return out;
}

/** Multi-letter sequences first: 'rn' must become 'm' before single letters are mapped. */
const ASCII_SEQUENCES: ReadonlyArray<readonly [string, string]> = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['cl', 'd'],
];
const ASCII_SINGLES: Record<string, string> = { '0': 'o', '1': 'l', i: 'l', '|': 'l' };

/** The skeleton of a (folded, lower-case) name: homoglyph sequences collapse to one letter. */
export function asciiSkeleton(value: string): string {
  let out = value;
  for (const [from, to] of ASCII_SEQUENCES) out = out.split(from).join(to);
  let skeleton = '';
  for (const ch of out) skeleton += ASCII_SINGLES[ch] ?? ch;
  return skeleton;
}

/** True when the string contains a character outside printable ASCII. */
export function hasNonAscii(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0x7e) return true;
  return false;
}
