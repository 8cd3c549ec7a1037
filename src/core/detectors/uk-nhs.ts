import type { Detector } from '../detect/detector';
import { startsCleanly } from './us-ssn';
import { allSameDigit, consistentSeparators } from './validators/digits';
import { nhsCheckValid } from './validators/nhs';

export const ukNhs: Detector = {
  entity: 'UK_NHS',
  description:
    'U.K. NHS number: 10 digits, written 3-3-4 with spaces or dashes or unformatted, mod-11 check digit',
  trigger: {
    firstGroup: [3, 10],
    minDigits: 10,
    test: (g) => (g.len === 10 || (g.len === 3 && (g.next === 32 || g.next === 45))) && startsCleanly(g),
  },
  pattern: /\d{3}([- ]?)\d{3}\1\d{4}(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits, value) =>
    consistentSeparators(value) && !allSameDigit(digits) && nhsCheckValid(digits) && 'mod11',
  keywords: [
    'nhs',
    'nhs number',
    'nhs no',
    'nhs#',
    'nhs num',
    'national health service',
    'national health service number',
    'health service number',
    'health and care number',
    'chi number',
    'patient number',
    'patient no',
    'patient id',
    'patient identifier',
    // French, German and Spanish forms for the U.K. number.
    'numéro nhs',
    'nhs-nummer',
    'número nhs',
  ],
  headers: ['nhs', 'nhs number', 'nhs no', 'nhs num', 'patient nhs', 'health service number'],
  // Purview's U.K. NHS type needs a keyword at every level. One 10-digit number in eleven passes
  // mod 11 by chance, so the check alone stays low.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return e.formatted ? 0.9 : 0.85;
    return e.formatted ? 0.45 : 0.3;
  },
  examples: {
    positive: [
      { text: 'NHS number: 401 023 2137', match: '401 023 2137', confidence: 'high' },
      { text: 'Patient NHS No 9434765919 seen today', match: '9434765919', confidence: 'high' },
      { text: 'name;nhs number;ward\nJones;221-395-1837;B4\n', match: '221-395-1837', confidence: 'high' },
      { text: '0032698674', header: 'NHS', match: '0032698674', confidence: 'high' },
      { text: 'ticket 401-023-2137 closed', match: '401-023-2137', confidence: 'low' },
    ],
    negative: [
      'NHS number 401 023 2138',
      'NHS number 485 777 3456',
      'NHS number 0000000000',
      'NHS number 401 023-2137',
      'NHS 401 023 21371',
    ],
  },
};
