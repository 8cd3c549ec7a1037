import { nextGroupLength, type Detector, type GroupStart } from '../detect/detector';
import { startsCleanly } from './us-ssn';
import { allSameDigit } from './validators/digits';
import { luhnValid } from './validators/luhn';

interface Brand {
  name: string;
  /** Inclusive IIN ranges, compared on the same number of leading digits. */
  ranges: ReadonlyArray<readonly [string, string]>;
  lengths: readonly [number, number];
}

/**
 * Issuer identification ranges and lengths of the card networks in use. A Luhn-valid number
 * outside every range is an order or tracking number (one in ten of those pass Luhn by chance).
 */
const BRANDS: readonly Brand[] = [
  { name: 'visa', ranges: [['4', '4']], lengths: [13, 19] },
  {
    name: 'mastercard',
    ranges: [
      ['51', '55'],
      ['2221', '2720'],
    ],
    lengths: [16, 16],
  },
  {
    name: 'amex',
    ranges: [
      ['34', '34'],
      ['37', '37'],
    ],
    lengths: [15, 15],
  },
  {
    name: 'discover',
    ranges: [
      ['6011', '6011'],
      ['644', '649'],
      ['65', '65'],
      ['622126', '622925'],
    ],
    lengths: [16, 19],
  },
  {
    name: 'diners',
    ranges: [
      ['300', '305'],
      ['36', '36'],
      ['38', '39'],
    ],
    lengths: [14, 19],
  },
  { name: 'jcb', ranges: [['3528', '3589']], lengths: [16, 19] },
  { name: 'unionpay', ranges: [['62', '62']], lengths: [16, 19] },
  {
    name: 'maestro',
    ranges: [
      ['50', '50'],
      ['56', '58'],
      ['639', '639'],
      ['67', '67'],
    ],
    lengths: [12, 19],
  },
  {
    name: 'rupay',
    ranges: [
      ['60', '60'],
      ['81', '82'],
      ['508', '508'],
    ],
    lengths: [16, 16],
  },
  { name: 'uatp', ranges: [['1', '1']], lengths: [15, 15] },
];

export function cardBrand(digits: string): string | undefined {
  for (const brand of BRANDS) {
    if (digits.length < brand.lengths[0] || digits.length > brand.lengths[1]) continue;
    for (const [low, high] of brand.ranges) {
      const prefix = digits.slice(0, low.length);
      if (prefix >= low && prefix <= high) return brand.name;
    }
  }
  return undefined;
}

/** A 4-digit group, then a space or dash and a group of 4-6 digits: the pattern's grouped form. */
function fourThenGroup(g: GroupStart): boolean {
  if (g.next !== 32 && g.next !== 45) return false;
  const next = nextGroupLength(g);
  return next >= 4 && next <= 6;
}

export const creditCard: Detector = {
  entity: 'CREDIT_CARD',
  description: 'Payment card number (13-19 digits) with a known issuer range and a valid Luhn check digit',
  trigger: {
    firstGroup: [4, 19],
    minDigits: 13,
    // 13-19 bare digits, or four then a space or dash and a group of 4-6 (4111 1111..., 3782 822463...).
    test: (g) => (g.len >= 13 || (g.len === 4 && fourThenGroup(g))) && startsCleanly(g),
  },
  pattern: /(?:\d{4}([ -])\d{4,6}\1\d{4,5}(?:\1\d{1,4}){0,2}|\d{13,19})(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits) => {
    if (digits.length < 13 || digits.length > 19 || allSameDigit(digits)) return false;
    if (cardBrand(digits) === undefined) return false;
    return luhnValid(digits) ? 'luhn' : false;
  },
  keywords: [
    'credit card',
    'card number',
    'card no',
    'card num',
    'cardnumber',
    'cc',
    'cc#',
    'ccn',
    'visa',
    'mastercard',
    'master card',
    'amex',
    'american express',
    'discover',
    'jcb',
    'diners',
    'diners club',
    'maestro',
    'unionpay',
    'union pay',
    'rupay',
    'debit card',
    'bank card',
    'check card',
    'atm card',
    'corporate card',
    'cardholder',
    'card holder',
    'card type',
    'expiry',
    'expiry date',
    'expiration date',
    'exp date',
    'cvv',
    'cvv2',
    'cvc',
    'cvc2',
    'security code',
    'tarjeta de crédito',
    'número de tarjeta',
    'carte de crédit',
    'carte bancaire',
    'numéro de carte',
    'kreditkarte',
    'kreditkartennummer',
    'carta di credito',
  ],
  headers: ['card', 'card number', 'credit card', 'cc', 'cc number', 'ccn', 'pan', 'card no', 'cardnumber'],
  score: (e) => (e.header || e.context ? 0.95 : 0.7),
  examples: {
    positive: [
      { text: 'Visa 4111 1111 1111 1111 exp 04/27', match: '4111 1111 1111 1111', confidence: 'high' },
      { text: 'charged to 5555555555554444 yesterday', match: '5555555555554444', confidence: 'medium' },
      { text: 'Amex: 3714-496353-98431', match: '3714-496353-98431', confidence: 'high' },
      { text: 'card,amount\n4012888888881881,12.00\n', match: '4012888888881881', confidence: 'high' },
      {
        text: 'use ４１１１１１１１１１１１１１１１ please',
        match: '４１１１１１１１１１１１１１１１',
        confidence: 'medium',
      },
    ],
    negative: [
      'credit card 4111 1111 1111 1112',
      'tracking 9400111899223344556677',
      'order 1234567812345670',
      'card 0000 0000 0000 0000',
      'id 4111-1111-1111-1111-2222-3333',
    ],
  },
};
