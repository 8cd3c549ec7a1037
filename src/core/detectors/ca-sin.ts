import { nextGroupLength, type Detector } from '../detect/detector';
import { startsCleanly } from './us-ssn';
import { allSameDigit, consistentSeparators } from './validators/digits';
import { luhnValid } from './validators/luhn';

/**
 * Canadian SIN: 9 digits, Luhn. The first digit is the province of registration (1-7), 9 for
 * temporary residents; 0 and 8 are never issued to people (8 is for business numbers).
 */
export function sinValid(digits: string): boolean {
  if (digits.length !== 9 || allSameDigit(digits)) return false;
  const first = digits.charCodeAt(0);
  if (first === 48 || first === 56) return false;
  return luhnValid(digits);
}

export const caSin: Detector = {
  entity: 'CA_SIN',
  description: 'Canadian Social Insurance Number: 9 digits, 3-3-3 with spaces or dashes or unformatted, Luhn',
  trigger: {
    firstGroup: [3, 9],
    minDigits: 9,
    test: (g) => {
      const first = g.text.charCodeAt(g.start);
      if (first === 48 || first === 56) return false;
      // 3-3-3: a 3-digit group whose next group is not 3 digits (an SSN's 123-45-6789) fails here.
      return (
        (g.len === 9 || (g.len === 3 && (g.next === 32 || g.next === 45) && nextGroupLength(g) === 3)) &&
        startsCleanly(g)
      );
    },
  },
  pattern: /\d{3}([- ]?)\d{3}\1\d{3}(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits, value) => consistentSeparators(value) && sinValid(digits) && 'luhn',
  keywords: [
    'sin',
    'sins',
    'sin#',
    'sin no',
    'sin number',
    'social insurance',
    'social insurance number',
    'social insurance no',
    'soc ins',
    'social ins',
    'insurance number',
    // French (Canada's other official language): numéro d'assurance sociale, NAS.
    "numéro d'assurance sociale",
    "numero d'assurance sociale",
    "numéro d'assurance social",
    'assurance sociale',
    'nas',
    // Spanish and German forms.
    'número de seguro social canadiense',
    'sozialversicherungsnummer',
  ],
  headers: ['sin', 'sin number', 'sin no', 'social insurance number', 'social insurance', 'nas', 'soc ins'],
  // Purview's Canada SIN type needs a keyword at every level; Luhn alone passes one 9-digit
  // number in ten, so without a keyword or header the tier stays low.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return e.formatted ? 0.9 : 0.8;
    return e.formatted ? 0.4 : 0.2;
  },
  examples: {
    positive: [
      { text: 'my SIN is 130-692-544', match: '130-692-544', confidence: 'high' },
      { text: 'mon NAS: 258 933 688', match: '258 933 688', confidence: 'high' },
      { text: 'Social Insurance Number 347677452', match: '347677452', confidence: 'medium' },
      { text: 'name,sin\nTremblay,193 456 787\n', match: '193 456 787', confidence: 'high' },
      { text: 'ref 435 418 165 attached', match: '435 418 165', confidence: 'low' },
    ],
    negative: [
      'SIN 130 692 545',
      'SIN 046 454 286',
      'SIN 812 345 678',
      'SIN 111 111 111',
      'SIN 046-454 286',
      'SIN 1306925440',
      'SIN 130-69-2544',
    ],
  },
};
