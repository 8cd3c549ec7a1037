import { isLetterCode, isWordCode, type Detector, type GroupStart } from '../detect/detector';

/** HMRC: neither letter is D, F, I, Q, U or V; the second is not O. */
const FIRST_LETTER = /^[A-CEGHJ-PR-TW-Z]/i;
const SECOND_LETTER = /^.[A-CEGHJ-NPR-TW-Z]/i;
/** Prefixes HMRC never allocates (administrative and temporary-number pairs). */
const INVALID_PREFIXES = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

/**
 * The group must follow the two prefix letters (AB123456C) or the letters and one space or
 * dash (AB 12 34 56 C, AB 123456 C), and the letters must start a word.
 */
function followsPrefix(g: GroupStart): boolean {
  if (g.len !== 6 && !(g.len === 2 && (g.next === 32 || g.next === 45))) return false;
  const text = g.text;
  let letters = g.start - 1;
  if (g.prev === 32 || g.prev === 45) letters--;
  return (
    isLetterCode(text.charCodeAt(letters)) &&
    isLetterCode(text.charCodeAt(letters - 1)) &&
    !isWordCode(text.charCodeAt(letters - 2))
  );
}

export function ninoPrefixValid(value: string): boolean {
  if (!FIRST_LETTER.test(value) || !SECOND_LETTER.test(value)) return false;
  return !INVALID_PREFIXES.has(value.slice(0, 2).toUpperCase());
}

export const ukNino: Detector = {
  entity: 'UK_NINO',
  description: 'U.K. National Insurance number: two prefix letters, six digits, suffix A-D (AB 12 34 56 C)',
  trigger: { firstGroup: [2, 6], minDigits: 6, lead: 3, test: followsPrefix, near: { before: /[A-Za-z -]/ } },
  pattern: /[A-Za-z]{2}[ -]?\d{2}([ -]?)\d{2}\1\d{2}[ -]?[A-Da-d](?![0-9A-Za-z_])/y,
  validate: (_digits, value) => ninoPrefixValid(value),
  keywords: [
    'nino',
    'ni number',
    'ni no',
    'ni#',
    'nat ins',
    'national insurance',
    'national insurance number',
    'national insurance no',
    'national insurance contributions',
    'insurance number',
    // French, German and Spanish forms for the U.K. number.
    "numéro d'assurance nationale",
    'sozialversicherungsnummer',
    'número de seguro nacional',
  ],
  headers: ['nino', 'ni number', 'ni no', 'national insurance', 'national insurance number', 'nat ins'],
  // Purview: 85 with a keyword, 75 for the pattern alone. The letter rules make a bare capitalised
  // NINO fairly specific, so alone it is medium; lower case or a glued suffix alone stays low.
  score: (e) => {
    if (e.header || e.context) return 0.9;
    return e.value === e.value.toUpperCase() ? 0.7 : 0.4;
  },
  examples: {
    positive: [
      {
        text: 'Here is my National Insurance Number YZ 61 48 68 B',
        match: 'YZ 61 48 68 B',
        confidence: 'high',
      },
      { text: 'nino: PR 123612C', match: 'PR 123612C', confidence: 'high' },
      { text: 'payroll for AB123456C this month', match: 'AB123456C', confidence: 'medium' },
      { text: 'name,ni number\nSmith,hh 01 02 03 d\n', match: 'hh 01 02 03 d', confidence: 'high' },
      { text: 'code tw987654a', match: 'tw987654a', confidence: 'low' },
    ],
    negative: [
      'NI number AA 12 34 56 H',
      'NI number ab1234561',
      'NI number FQ 00 00 00 C',
      'NI number BG123612A',
      'nino: nt 99 88 77 a',
      'NI number UV 98 76 54 B',
      'NI number AO 12 34 56 B',
      'ref XAB123456C',
    ],
  },
};
