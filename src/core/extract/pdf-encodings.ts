import { decodeWindows1252 } from './text-decode';

/**
 * Simple-font encodings (ISO 32000-1 Annex D) as code -> text, and glyph names -> text for
 * /Differences. Only what text extraction needs: letters, digits, punctuation, Latin accents
 * (built from base letter + combining mark), ligatures and uniXXXX names; not the full AGL.
 */

export type Encoding = Array<string | undefined>;

function fromString(chars: string, offset: number): Encoding {
  const out: Encoding = new Array<string | undefined>(256);
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charAt(i);
    if (c !== '\u0000') out[offset + i] = c;
  }
  return out;
}

function ascii(): Encoding {
  const out: Encoding = new Array<string | undefined>(256);
  for (let c = 32; c < 127; c++) out[c] = String.fromCharCode(c);
  return out;
}

/** WinAnsiEncoding is Windows-1252 for the codes that matter; 0x7F-0xFF non-printables aside. */
export const WIN_ANSI: Encoding = (() => {
  const bytes = new Uint8Array(256);
  for (let i = 0; i < 256; i++) bytes[i] = i;
  const text = decodeWindows1252(bytes);
  const out: Encoding = new Array<string | undefined>(256);
  for (let c = 32; c < 256; c++) if (c !== 127) out[c] = text.charAt(c);
  out[0xa0] = ' ';
  out[0xad] = '-';
  return out;
})();

const MAC_ROMAN_HIGH =
  'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»… ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

export const MAC_ROMAN: Encoding = (() => {
  const out = ascii();
  const high = fromString(MAC_ROMAN_HIGH, 128);
  for (let c = 128; c < 256; c++) out[c] = high[c];
  return out;
})();

/** StandardEncoding: ASCII with curly quotes at 0x27/0x60 and its own high half. */
export const STANDARD: Encoding = (() => {
  const out = ascii();
  out[0x27] = '\u2019';
  out[0x60] = '\u2018';
  const high: Record<number, string> = {
    0xa1: '¡',
    0xa2: '¢',
    0xa3: '£',
    0xa4: '⁄',
    0xa5: '¥',
    0xa6: 'ƒ',
    0xa7: '§',
    0xa8: '¤',
    0xa9: "'",
    0xaa: '“',
    0xab: '«',
    0xac: '‹',
    0xad: '›',
    0xae: 'ﬁ',
    0xaf: 'ﬂ',
    0xb1: '–',
    0xb2: '†',
    0xb3: '‡',
    0xb4: '·',
    0xb6: '¶',
    0xb7: '•',
    0xb8: '‚',
    0xb9: '„',
    0xba: '”',
    0xbb: '»',
    0xbc: '…',
    0xbd: '‰',
    0xbf: '¿',
    0xc1: '`',
    0xc2: '´',
    0xc3: 'ˆ',
    0xc4: '˜',
    0xc5: '¯',
    0xc6: '˘',
    0xc7: '˙',
    0xc8: '¨',
    0xca: '˚',
    0xcb: '¸',
    0xcd: '˝',
    0xce: '˛',
    0xcf: 'ˇ',
    0xd0: '—',
    0xe1: 'Æ',
    0xe3: 'ª',
    0xe8: 'Ł',
    0xe9: 'Ø',
    0xea: 'Œ',
    0xeb: 'º',
    0xf1: 'æ',
    0xf5: 'ı',
    0xf8: 'ł',
    0xf9: 'ø',
    0xfa: 'œ',
    0xfb: 'ß',
  };
  for (const code of Object.keys(high)) out[Number(code)] = high[Number(code)];
  return out;
})();

export function namedEncoding(name: string | undefined): Encoding | undefined {
  if (name === 'WinAnsiEncoding') return WIN_ANSI;
  if (name === 'MacRomanEncoding') return MAC_ROMAN;
  if (name === 'StandardEncoding') return STANDARD;
  return undefined;
}

const GLYPHS: Record<string, string> = {
  space: ' ',
  exclam: '!',
  quotedbl: '"',
  numbersign: '#',
  dollar: '$',
  percent: '%',
  ampersand: '&',
  quotesingle: "'",
  quoteright: '\u2019',
  quoteleft: '\u2018',
  parenleft: '(',
  parenright: ')',
  asterisk: '*',
  plus: '+',
  comma: ',',
  hyphen: '-',
  period: '.',
  slash: '/',
  colon: ':',
  semicolon: ';',
  less: '<',
  equal: '=',
  greater: '>',
  question: '?',
  at: '@',
  bracketleft: '[',
  backslash: '\\',
  bracketright: ']',
  asciicircum: '^',
  underscore: '_',
  grave: '`',
  braceleft: '{',
  bar: '|',
  braceright: '}',
  asciitilde: '~',
  zero: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  endash: '–',
  emdash: '—',
  bullet: '•',
  quotedblleft: '“',
  quotedblright: '”',
  quotesinglbase: '‚',
  quotedblbase: '„',
  ellipsis: '…',
  minus: '−',
  nbspace: ' ',
  nonbreakingspace: ' ',
  sfthyphen: '-',
  softhyphen: '-',
  fi: 'fi',
  fl: 'fl',
  ff: 'ff',
  ffi: 'ffi',
  ffl: 'ffl',
  AE: 'Æ',
  ae: 'æ',
  OE: 'Œ',
  oe: 'œ',
  germandbls: 'ß',
  Oslash: 'Ø',
  oslash: 'ø',
  Eth: 'Ð',
  eth: 'ð',
  Thorn: 'Þ',
  thorn: 'þ',
  dotlessi: 'ı',
  Lslash: 'Ł',
  lslash: 'ł',
  copyright: '©',
  registered: '®',
  trademark: '™',
  degree: '°',
  section: '§',
  paragraph: '¶',
  sterling: '£',
  yen: '¥',
  Euro: '€',
  euro: '€',
  cent: '¢',
  currency: '¤',
  multiply: '×',
  divide: '÷',
  plusminus: '±',
  periodcentered: '·',
  guillemotleft: '«',
  guillemotright: '»',
  guilsinglleft: '‹',
  guilsinglright: '›',
  exclamdown: '¡',
  questiondown: '¿',
  ordfeminine: 'ª',
  ordmasculine: 'º',
  dagger: '†',
  daggerdbl: '‡',
  perthousand: '‰',
  florin: 'ƒ',
  fraction: '⁄',
  onehalf: '½',
  onequarter: '¼',
  threequarters: '¾',
  mu: 'µ',
  brokenbar: '¦',
  logicalnot: '¬',
};

const MARKS: Record<string, string> = {
  grave: '\u0300',
  acute: '\u0301',
  circumflex: '\u0302',
  tilde: '\u0303',
  macron: '\u0304',
  breve: '\u0306',
  dotaccent: '\u0307',
  dieresis: '\u0308',
  ring: '\u030a',
  hungarumlaut: '\u030b',
  caron: '\u030c',
  cedilla: '\u0327',
  ogonek: '\u0328',
  commaaccent: '\u0326',
};

const ACCENTED =
  /^([A-Za-z])(grave|acute|circumflex|tilde|macron|breve|dotaccent|dieresis|ring|hungarumlaut|caron|cedilla|ogonek|commaaccent)$/;
const UNI = /^uni([0-9A-Fa-f]{4}){1,8}$/;
const U = /^u([0-9A-Fa-f]{4,6})$/;

function hexCodes(hex: string, width: number): string {
  let out = '';
  for (let i = 0; i + width <= hex.length; i += width) {
    const cp = parseInt(hex.slice(i, i + width), 16);
    if (cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff)) out += String.fromCodePoint(cp);
  }
  return out;
}

/** NFC when the runtime has it (it is ES2015, but ICU-less builds may lack it); else the decomposed form. */
function composed(text: string): string {
  return typeof text.normalize === 'function' ? text.normalize('NFC') : text;
}

/** The text of a glyph name, or undefined when the name says nothing (g123, cid45, .notdef). */
export function glyphText(name: string): string | undefined {
  if (name.length === 1) return name;
  const known = GLYPHS[name];
  if (known !== undefined) return known;
  if (UNI.test(name)) return hexCodes(name.slice(3), 4);
  if (U.test(name)) return hexCodes(name.slice(1), name.length - 1);
  const accented = ACCENTED.exec(name);
  if (accented) return composed((accented[1] as string) + (MARKS[accented[2] as string] as string));
  const dot = name.indexOf('.');
  if (dot > 0) return glyphText(name.slice(0, dot));
  if (name.indexOf('_') > 0) {
    const parts = name.split('_').map(glyphText);
    return parts.every((p) => p !== undefined) ? parts.join('') : undefined;
  }
  return undefined;
}
