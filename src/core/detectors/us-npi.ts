import { nextGroupLength, type Detector } from '../detect/detector';
import { startsCleanly } from './us-ssn';
import { allSameDigit, consistentSeparators } from './validators/digits';
import { luhnValid } from './validators/luhn';

/**
 * CMS "NPI check digit" rule: Luhn over the card-issuer prefix 80840 followed by the 10 digits.
 * Presidio also invalidates a body of nine identical digits (1111111112 passes Luhn).
 */
export function npiValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  if (allSameDigit(digits.slice(0, 9))) return false;
  return luhnValid('80840' + digits);
}

export const usNpi: Detector = {
  entity: 'US_NPI',
  description:
    'U.S. National Provider Identifier: 10 digits starting 1 or 2, Luhn-valid with the 80840 prefix',
  trigger: {
    firstGroup: [4, 10],
    minDigits: 10,
    // Starts with 1 or 2; bare, or 4 digits then a space or dash (1234-567-893).
    test: (g) => {
      const first = g.text.charCodeAt(g.start);
      if (first !== 49 && first !== 50) return false;
      return (
        (g.len === 10 || (g.len === 4 && (g.next === 45 || g.next === 32) && nextGroupLength(g) === 3)) &&
        startsCleanly(g)
      );
    },
  },
  pattern: /[12]\d{3}([- ]?)\d{3}\1\d{3}(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits, value) => consistentSeparators(value) && npiValid(digits) && 'luhn',
  keywords: [
    'npi',
    'npi#',
    'npi number',
    'npi no',
    'national provider',
    'national provider id',
    'national provider identifier',
    'provider id',
    'provider identifier',
    'provider number',
    'provider no',
    'rendering provider',
    'billing provider',
    'referring provider',
    'prescriber',
    'taxonomy',
    // Spanish, French and German forms used for the U.S. number.
    'identificador nacional de proveedor',
    'número de proveedor',
    'identifiant national du prestataire',
    'anbieternummer',
  ],
  headers: [
    'npi',
    'npi number',
    'npi no',
    'national provider identifier',
    'provider npi',
    'provider id',
    'prescriber npi',
    'billing npi',
    'rendering npi',
  ],
  // One 10-digit number in ten passes Luhn, and NANP phone numbers starting with 2 are 10 digits:
  // the checksum alone is weak evidence; a keyword or header makes it an NPI.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return 0.9;
    return e.formatted ? 0.45 : 0.3;
  },
  examples: {
    positive: [
      { text: 'NPI: 1234567893', match: '1234567893', confidence: 'high' },
      { text: 'Rendering provider 1245-319-599 (Dr. Ames)', match: '1245-319-599', confidence: 'high' },
      { text: 'name,npi,specialty\nAmes,1003000126,cardiology\n', match: '1003000126', confidence: 'high' },
      { text: '1234567893', header: 'Prescriber NPI', match: '1234567893', confidence: 'high' },
      { text: 'reference 1234 567 893 in the log', match: '1234 567 893', confidence: 'low' },
    ],
    negative: [
      'NPI 1234567890',
      'NPI 1111111112',
      'NPI 3234567893',
      'NPI 12345678934',
      'NPI 1234-567 893',
      'order A1234567893',
    ],
  },
};
