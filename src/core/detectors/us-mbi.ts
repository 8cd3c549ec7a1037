import { isDigitCode, isLetterCode, isWordCode, type Detector, type GroupStart } from '../detect/detector';

/**
 * CMS "Understanding the Medicare Beneficiary Identifier format": 11 characters,
 * C A AN N A AN N A A N N, where C is 1-9, N is 0-9, A a letter other than S, L, O, I, B, Z and
 * AN either. Written with dashes after the 4th and 7th characters on cards (1EG4-TE5-MK73).
 *
 * Its digit groups are single digits between letters, so the trigger is a one-digit group that
 * starts a word and is followed by a letter, with a digit three characters on.
 */
function startsMbi(g: GroupStart): boolean {
  if (g.len !== 1 || g.text.charCodeAt(g.start) === 48) return false;
  return isLetterCode(g.next) && isDigitCode(g.text.charCodeAt(g.start + 3)) && !isWordCode(g.prev);
}

export const usMbi: Detector = {
  entity: 'US_MBI',
  description:
    'U.S. Medicare Beneficiary Identifier: 11 characters C A AN N A AN N A A N N, optionally dashed 4-3-4',
  trigger: { firstGroup: [1, 1], minDigits: 1, test: startsMbi, near: { after: /[A-Za-z]/ } },
  pattern:
    /[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d([- ]?)[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d\1[AC-HJKMNP-RT-Y]{2}\d{2}(?![0-9A-Za-z_])/iy,
  keywords: [
    'mbi',
    'mbi#',
    'mbi number',
    'medicare',
    'medicare id',
    'medicare number',
    'medicare beneficiary identifier',
    'medicare beneficiary id',
    'beneficiary id',
    'beneficiary identifier',
    'medicaid',
    'hicn',
    'hic number',
    // Spanish, French and German forms used for the U.S. number.
    'número de medicare',
    'numéro medicare',
    'medicare-nummer',
  ],
  headers: ['mbi', 'medicare id', 'medicare number', 'medicare beneficiary id', 'beneficiary id', 'hicn'],
  // There is no check digit: the layout alone matches product and part codes now and then, so a
  // value alone stays low (dashed capitals highest); a Medicare keyword or header makes it an MBI.
  score: (e) => {
    if (e.header) return 0.95;
    if (e.context) return e.formatted ? 0.9 : 0.85;
    if (e.value !== e.value.toUpperCase()) return 0.2;
    return e.formatted ? 0.5 : 0.35;
  },
  examples: {
    positive: [
      { text: 'Medicare ID: 3CD5-FG7-HJ89', match: '3CD5-FG7-HJ89', confidence: 'high' },
      { text: 'The MBI is 4EF6GH8JK12 for this patient', match: '4EF6GH8JK12', confidence: 'high' },
      { text: 'patient,mbi\nLee,1EG4-TE5-MK73\n', match: '1EG4-TE5-MK73', confidence: 'high' },
      { text: '2AG9 XC4 NN22', header: 'Medicare Number', match: '2AG9 XC4 NN22', confidence: 'high' },
      { text: 'part 1EG4-TE5-MK73 shipped', match: '1EG4-TE5-MK73', confidence: 'low' },
    ],
    negative: [
      'Medicare 1SG4-TE5-MK73',
      'Medicare 1EG4-LE5-MK73',
      'Medicare 1EG4-TE5-OK73',
      'Medicare 0EG4-TE5-MK73',
      'Medicare 1EG4TE5MK734',
      'Medicare 1EG4-TE5MK73',
      'Medicare X1EG4TE5MK73',
    ],
  },
};
