import { isDigitCode, isWordCode, type Detector, type GroupStart } from '../detect/detector';
import { startsCleanly } from './us-ssn';

function isPhoneSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 46;
}

/**
 * Where a phone number can start: after '+' (E.164), in '(' (area code), a NANP area code or
 * leading 1, a national number's 0-prefixed area code (UK, DE, FR), or a bare 10-11 digit run.
 */
function startsPhone(g: GroupStart): boolean {
  const text = g.text;
  const first = text.charCodeAt(g.start);
  if (g.prev === 43) return first !== 48 && g.restDigits >= 8 && !isWordCode(text.charCodeAt(g.start - 2));
  // Inside a run of space-separated numbers ("36 800 824 896 1024") no grouping is a phone's.
  if (!startsCleanly(g) || (g.prev === 32 && g.next === 32 && isDigitCode(text.charCodeAt(g.start - 2))))
    return false;
  if (g.prev === 40) return g.len >= 3 && g.len <= 5 && g.next === 41 && g.restDigits >= 10;
  if (g.len === 10 || g.len === 11) return true;
  if (first === 48)
    return g.len >= 2 && g.len <= 5 && (isPhoneSeparator(g.next) || g.next === 47) && g.restDigits >= 10;
  if (g.len === 3) return first >= 50 && isPhoneSeparator(g.next) && g.restDigits >= 10;
  return g.len === 1 && first === 49 && isPhoneSeparator(g.next) && g.restDigits >= 11;
}

/**
 * NANP (North American Numbering Plan) area code and exchange: both start 2-9 and are not N11
 * service codes; area codes N9X are reserved for expansion.
 */
export function nanpValid(ten: string): boolean {
  if (ten.length !== 10) return false;
  const a0 = ten.charCodeAt(0);
  const e0 = ten.charCodeAt(3);
  if (a0 < 50 || e0 < 50 || ten[1] === '9') return false;
  if (ten[1] === '1' && ten[2] === '1') return false;
  return !(ten[4] === '1' && ten[5] === '1');
}

/** A national number with its trunk 0: 10-12 digits (FR 10, UK 11, DE 10-12); 00 is an international prefix. */
function nationalValid(digits: string): boolean {
  return digits.length >= 10 && digits.length <= 12 && digits[1] !== '0';
}

export function phoneValid(digits: string, value: string): boolean {
  const lead = value.charCodeAt(0);
  if (lead === 43) {
    // E.164: at most 15 digits with the country code; +1 is NANP.
    if (digits[0] === '1') return digits.length === 11 && nanpValid(digits.slice(1));
    return digits.length >= 8 && digits.length <= 15;
  }
  if (digits[0] === '0') return nationalValid(digits);
  if (digits.length === 11) return digits[0] === '1' && nanpValid(digits.slice(1));
  return nanpValid(digits);
}

export const phoneNumber: Detector = {
  entity: 'PHONE_NUMBER',
  description:
    'Phone number: NANP (415) 555-0132, +CC international, and UK, German and French national forms',
  trigger: { firstGroup: [1, 15], minDigits: 8, lead: 1, test: startsPhone },
  // Separators are required between digit runs (or fixed by a backreference), so each
  // alternative matches one way; every run is bounded.
  pattern: new RegExp(
    '(?:' +
      [
        // +44 20 7123 4567, +1 (415) 555-0132, +44 (0)20 7123 4567, +14155550132
        '\\+[1-9]\\d{0,2}(?:[ .-]?\\(\\d{1,4}\\)[ .-]?|[ .-])\\d{1,12}(?:[ .-]\\d{1,12}){0,5}',
        '\\+[1-9]\\d{7,14}',
        // (415) 555-0132, (020) 7123 4567, (030) 1234567
        '\\([2-9]\\d{2}\\)[ .-]?\\d{3}[ .-]?\\d{4}',
        '\\(0\\d{2,4}\\) ?\\d{3,8}(?:[ -]\\d{3,4}){0,2}',
        // 1-415-555-0132, 415.555.0132 (the 3-7 form after it)
        '(?:1[ .-])?[2-9]\\d{2}([ .-])\\d{3}\\1\\d{4}',
        // 425 8829090
        '[2-9]\\d{2}[ .-]\\d{7}',
        // 020 7123 4567, 030/1234567, 01 42 68 53 00
        '0\\d{1,4}([ ./-])\\d{2,8}(?:\\2\\d{2,4}){0,3}',
        '\\d{10,11}',
      ]
        .map((alternative) => '(?:' + alternative + ')')
        .join('|') +
      ')(?![0-9A-Za-z_]|[-.]\\d)',
    'y',
  ),
  validate: (digits, value) => phoneValid(digits, value),
  keywords: [
    'phone',
    'phones',
    'phone number',
    'phone no',
    'phone #',
    'telephone',
    'telephone number',
    'tel',
    'tel no',
    'mobile',
    'mobile number',
    'mobile phone',
    'cell',
    'cell phone',
    'cellphone',
    'call me',
    'call',
    'fax',
    'ph',
    'contact number',
    'whatsapp',
    // Spanish, French and German forms.
    'teléfono',
    'telefono',
    'número de teléfono',
    'móvil',
    'movil',
    'celular',
    'téléphone',
    'numéro de téléphone',
    'portable',
    'tél',
    'telefon',
    'telefonnummer',
    'handy',
    'handynummer',
    'mobil',
    'rufnummer',
  ],
  headers: [
    'phone',
    'phone number',
    'telephone',
    'tel',
    'mobile',
    'cell',
    'fax',
    'contact number',
    'telefono',
    'telephone portable',
    'telefon',
    'telefonnummer',
    'handy',
  ],
  // Presidio scores a phone 0.4 before context. A written-out phone shape (+CC, brackets,
  // separators) is medium on its own; a bare 10-11 digit run is usually an order or account
  // number unless a phone word or header says otherwise.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return 0.9;
    if (e.value.charCodeAt(0) === 43) return 0.7;
    return e.formatted ? 0.65 : 0.3;
  },
  examples: {
    positive: [
      { text: 'My US number is (415) 555-0132, thanks', match: '(415) 555-0132', confidence: 'medium' },
      { text: 'Call me on +44 20 7946 0958 tomorrow', match: '+44 20 7946 0958', confidence: 'high' },
      { text: 'Tel. 01 42 68 53 00 (bureau)', match: '01 42 68 53 00', confidence: 'high' },
      { text: 'Handy: 0171 1234567', match: '0171 1234567', confidence: 'high' },
      { text: 'ring 1-800-555-0199 any time', match: '1-800-555-0199', confidence: 'medium' },
      { text: 'reach me at +14155550132.', match: '+14155550132', confidence: 'medium' },
      { text: 'name,phone\nAda,4155550132\n', match: '4155550132', confidence: 'high' },
      { text: 'order 4155550132 shipped', match: '4155550132', confidence: 'low' },
    ],
    negative: [
      'call 123-555-0132',
      'call 415-155-0132',
      'call 911-555-0132',
      'tz Mon, 26 Aug 2002 10:00:00 +0100',
      'phone 415-555-0132-7',
      'ref 2002-08-26 and 10.0.0.1',
      'phone 00 44 20 79',
      'id a4155550132',
      'Modeline "800x600" 36 800 824 896 1024 600',
    ],
  },
};
