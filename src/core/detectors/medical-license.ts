import { isLetterCode, isWordCode, type Detector } from '../detect/detector';
import { deaCheckValid } from './validators/dea';

/**
 * First letters of DEA registrations (registrant type): Presidio's set. Purview's narrower set
 * (A, B, F, G, M, P, R) holds the practitioner and distributor types seen in mail.
 */
const REGISTRANT = /^[ABCDEFGHJKLMPRSTUX]/i;
const PRACTITIONER = /^[ABFGMPR]/;

export const medicalLicense: Detector = {
  entity: 'MEDICAL_LICENSE',
  description:
    'U.S. DEA registration number: registrant letter, surname initial or 9, seven digits with check digit',
  trigger: {
    firstGroup: [7, 8],
    minDigits: 7,
    lead: 2,
    // AB1234567: seven digits after two letters; A91234567: eight digits starting with 9 after one
    // letter. Either way the letters must start a word.
    test: (g) => {
      const text = g.text;
      if (!isLetterCode(g.prev)) return false;
      if (g.len === 7)
        return isLetterCode(text.charCodeAt(g.start - 2)) && !isWordCode(text.charCodeAt(g.start - 3));
      return text.charCodeAt(g.start) === 57 && !isWordCode(text.charCodeAt(g.start - 2));
    },
  },
  pattern: /[A-Za-z][A-Za-z9]\d{7}(?![0-9A-Za-z_])/y,
  validate: (digits, value) => REGISTRANT.test(value) && deaCheckValid(digits.slice(-7)) && 'dea',
  keywords: [
    'dea',
    'dea#',
    'dea no',
    'dea number',
    'dea registration',
    'dea registration number',
    'dea license',
    'drug enforcement administration',
    'drug enforcement agency',
    'medical license',
    'prescriber',
    'controlled substance registration',
    // Spanish, French and German forms.
    'número dea',
    'numéro dea',
    'dea-nummer',
  ],
  headers: ['dea', 'dea number', 'dea no', 'dea registration', 'dea license', 'prescriber dea'],
  // Purview: 85 with a DEA keyword, 75 for the checksum alone. One letter-letter-7-digit token in
  // ten passes the check by chance (order codes, part numbers), so alone it stays medium only in
  // the practitioner form written in capitals; anything looser is low.
  score: (e) => {
    if (e.header || e.context) return 0.95;
    return PRACTITIONER.test(e.value) && e.value === e.value.toUpperCase() ? 0.7 : 0.4;
  },
  examples: {
    positive: [
      { text: 'DEA# BB1388568 for Dr. Brown', match: 'BB1388568', confidence: 'high' },
      { text: 'prescriber GL0285191, refills 2', match: 'GL0285191', confidence: 'high' },
      { text: 'registration AR1234563 on file', match: 'AR1234563', confidence: 'medium' },
      { text: 'K92993548', header: 'DEA Number', match: 'K92993548', confidence: 'high' },
      { text: 'code EU4488929', match: 'EU4488929', confidence: 'low' },
    ],
    negative: ['DEA BG8207031', 'DEA XAB1388568', 'DEA BB13885681', 'DEA QQ1388568', 'DEA 1BB1388568'],
  },
};
