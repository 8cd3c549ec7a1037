import { isUpperCode, isWordCode, type Detector } from '../detect/detector';
import { maskKeepLast } from '../text/mask';
import { consistentSeparators } from './validators/digits';
import { IBAN_BBAN_FORMATS, ibanCountrySource, isIbanCountryCode } from './validators/iban-formats';
import { ibanChecksumValid } from './validators/mod97';

/**
 * One alternative per country, each of that country's exact length and character classes, so
 * trailing words ("... 8901 X in a sentence") are never swallowed and a format error (a letter
 * where the registry has digits) simply does not match. Upper case only, as Presidio: a
 * lower-case "iban" is prose far more often than an account.
 */
const IBAN_PATTERN = new RegExp(
  '(?:' +
    Object.keys(IBAN_BBAN_FORMATS)
      .map((country) => ibanCountrySource(country, IBAN_BBAN_FORMATS[country] as string))
      .join('|') +
    ')(?![0-9A-Za-z_])',
  'y',
);

function compact(value: string): string {
  return value.replace(/[^A-Z0-9]/g, '');
}

export const iban: Detector = {
  entity: 'IBAN_CODE',
  description: 'International bank account number: country code, mod-97 check digits, per-country BBAN',
  trigger: {
    // The check digits: a group of two or more digits right after two capitals (DE89..., GB29 NWBK...).
    firstGroup: [2, 34],
    minDigits: 2,
    lead: 2,
    near: { before: /[A-Z]/ },
    test: (g) =>
      isUpperCode(g.prev) &&
      isIbanCountryCode(g.text.charCodeAt(g.start - 2), g.prev) &&
      !isWordCode(g.text.charCodeAt(g.start - 3)),
  },
  pattern: IBAN_PATTERN,
  validate: (_digits, value) => consistentSeparators(value) && ibanChecksumValid(compact(value)) && 'mod97',
  keywords: [
    'iban',
    'iban code',
    'iban number',
    'international bank account number',
    'bank account',
    'account number',
    'bic',
    'swift',
    'wire transfer',
    'bank transfer',
    // Spanish, French, German, Italian, Portuguese and Dutch forms.
    'código iban',
    'cuenta bancaria',
    'número de cuenta',
    'transferencia',
    'numéro de compte',
    'compte bancaire',
    'virement',
    'rib',
    'kontonummer',
    'bankverbindung',
    'überweisung',
    'conto corrente',
    'bonifico',
    'conta bancária',
    'rekeningnummer',
  ],
  headers: ['iban', 'iban code', 'iban number', 'bank account', 'account iban', 'konto', 'compte', 'cuenta'],
  // Purview: a checksum-valid IBAN is high with no keyword (85); the mod-97 check and the exact
  // per-country length make a chance match in ordinary mail vanishingly rare.
  score: (e) => (e.header || e.context ? 0.95 : 0.9),
  // The country code is not personal; keep it and the last four characters.
  mask: (value) => value.slice(0, 2) + maskKeepLast(value.slice(2)),
  examples: {
    positive: [
      {
        text: 'BE68 5390 0754 7034',
        header: 'Bank account (IBAN)',
        match: 'BE68 5390 0754 7034',
        confidence: 'high',
      },
      { text: 'IBAN: DE89 3704 0044 0532 0130 00', match: 'DE89 3704 0044 0532 0130 00', confidence: 'high' },
      {
        text: 'please pay GB29NWBK60161331926819 today',
        match: 'GB29NWBK60161331926819',
        confidence: 'high',
      },
      {
        text: 'Virement sur FR14-2004-1010-0505-0001-3M02-606 merci',
        match: 'FR14-2004-1010-0505-0001-3M02-606',
        confidence: 'high',
      },
      {
        text: 'this is an iban VG96 VPVG 0000 0123 4567 8901 X in a sentence',
        match: 'VG96 VPVG 0000 0123 4567 8901',
        confidence: 'high',
      },
      {
        text: 'name;IBAN\nAda;NL91ABNA0417164300\n',
        match: 'NL91ABNA0417164300',
        confidence: 'high',
      },
      {
        text: 'IBAN ＣＨ９３\u00a00076\u00a02011\u00a06238\u00a05295\u00a07',
        match: 'ＣＨ９３\u00a00076\u00a02011\u00a06238\u00a05295\u00a07',
        confidence: 'high',
      },
    ],
    negative: [
      'IBAN DE89 3704 0044 0532 0130 01',
      'IBAN GB29 NWBK 6016 1331 9268 1',
      'IBAN AL47 212A 1009 0000 0002 3569 8741',
      'IBAN AL47/2121/1009/0000/0002/3569/8741',
      'IBAN AL47 2121-1009 0000 0002 3569 8741',
      'ref XDE89370400440532013000',
      'IBAN DE89370400440532013000123',
      'iban gb29nwbk60161331926819',
      'code US64SVBKUS6S3300958879',
    ],
  },
};
