import { isDigitCode, type Detector, type GroupStart } from '../detect/detector';
import { abaChecksumValid, abaPrefixInRange, abaPrefixValid } from './validators/aba';
import { allSameDigit } from './validators/digits';
import { startsAlone } from './validators/number-shapes';

/**
 * A Treasury prefix, then 9 digits or the XXXX-XXXX-X layout with the same separator twice:
 * years followed by a space ("Aug 2002 14:54") fail here, before any regex runs.
 */
function abaTrigger(g: GroupStart): boolean {
  const text = g.text;
  const prefix = (text.charCodeAt(g.start) - 48) * 10 + (text.charCodeAt(g.start + 1) - 48);
  if (!abaPrefixInRange(prefix)) return false;
  if (g.len === 9) return startsAlone(text, g.start);
  return (
    g.len === 4 &&
    (g.next === 45 || g.next === 32) &&
    text.charCodeAt(g.start + 9) === g.next &&
    isDigitCode(text.charCodeAt(g.start + 10)) &&
    startsAlone(text, g.start, g.next === 32)
  );
}

export const abaRouting: Detector = {
  entity: 'ABA_ROUTING_NUMBER',
  description: 'ABA routing transit number: 9 digits (or XXXX-XXXX-X) with the 3-7-1 check digit',
  trigger: {
    firstGroup: [4, 9],
    minDigits: 9,
    test: abaTrigger,
  },
  // A value written with spaces must not run on into another digit group.
  pattern: /(?:\d{4} \d{4} \d(?! \d)|\d{4}(-?)\d{4}\1\d)(?![0-9A-Za-z_]|[-.]\d)/y,
  validate: (digits) =>
    abaPrefixValid(digits) && !allSameDigit(digits) && abaChecksumValid(digits) ? 'aba-3-7-1' : false,
  keywords: [
    'aba',
    'aba#',
    'aba number',
    'aba routing',
    'aba routing number',
    'abarouting#',
    'abaroutingnumber',
    'american bank association routing number',
    'americanbankassociationrouting#',
    'americanbankassociationroutingnumber',
    'bank routing',
    'bankrouting#',
    'bankroutingnumber',
    'routing',
    'routing #',
    'routing#',
    'routing no',
    'routing number',
    'routing numbers',
    'routing transit number',
    'routing and transit number',
    'rtn',
    'transit number',
    'wire routing',
    // Spanish, French and German forms.
    'número de ruta',
    'número de ruta bancaria',
    "numéro d'acheminement",
    'numéro de routage',
    'bankleitzahl',
  ],
  headers: [
    'aba',
    'aba number',
    'routing',
    'routing number',
    'routing no',
    'rtn',
    'bank routing',
    'aba routing',
  ],
  // Purview: 75 with a keyword, 65 alone. One 9-digit number in ten passes 3-7-1 by chance and
  // mail is full of 9-digit numbers, so the checksum alone stays low; a keyword makes it high.
  score: (e) => {
    if (e.header || e.context) return e.header ? 0.95 : 0.9;
    return e.formatted ? 0.5 : 0.3;
  },
  examples: {
    positive: [
      { text: '021000021', header: 'ABA Routing #', match: '021000021', confidence: 'high' },
      { text: 'Routing number: 121000358', match: '121000358', confidence: 'high' },
      { text: 'ABA 0711-0130-7 for wires', match: '0711-0130-7', confidence: 'high' },
      { text: 'bank,routing,account\nChase,021000021,12345\n', match: '021000021', confidence: 'high' },
      { text: 'ref 121042882 attached', match: '121042882', confidence: 'low' },
      { text: 'routing 021000021 checking account 4839201756', match: '021000021', confidence: 'high' },
      { text: 'RTN: ３２２２－７１６２－７', match: '３２２２－７１６２－７', confidence: 'high' },
      { text: 'routing # 3222\u00a07162\u00a07', match: '3222\u00a07162\u00a07', confidence: 'high' },
    ],
    negative: [
      'routing number 421042111',
      'routing number 1234-0000-0',
      'routing number 121000359',
      'routing number 131000358',
      'routing number 000000000',
      'routing number 1210003581',
      'id 7-121000358',
      'routing number 3222-7162 7',
    ],
  },
};
