/**
 * IBAN formats per country, from the SWIFT IBAN Registry (release 2024): the BBAN that follows
 * the country code and the two check digits, in the registry's notation (n = digits,
 * a = upper-case letters, c = upper-case letters or digits). The total IBAN length is
 * 4 + the BBAN length. Presidio's table (iban_patterns.py) and Purview's country list are
 * subsets of this one.
 */
export const IBAN_BBAN_FORMATS: Readonly<Record<string, string>> = {
  AD: '4n,4n,12c',
  AE: '3n,16n',
  AL: '8n,16c',
  AT: '5n,11n',
  AZ: '4a,20c',
  BA: '3n,3n,8n,2n',
  BE: '3n,7n,2n',
  BG: '4a,4n,2n,8c',
  BH: '4a,14c',
  BI: '5n,5n,11n,2n',
  BR: '8n,5n,10n,1a,1c',
  BY: '4c,4n,16c',
  CH: '5n,12c',
  CR: '4n,14n',
  CY: '3n,5n,16c',
  CZ: '4n,6n,10n',
  DE: '8n,10n',
  DJ: '5n,5n,11n,2n',
  DK: '4n,9n,1n',
  DO: '4c,20n',
  EE: '2n,14n',
  EG: '4n,4n,17n',
  ES: '4n,4n,1n,1n,10n',
  FI: '3n,11n',
  FK: '2a,12n',
  FO: '4n,9n,1n',
  FR: '5n,5n,11c,2n',
  GB: '4a,6n,8n',
  GE: '2a,16n',
  GI: '4a,15c',
  GL: '4n,9n,1n',
  GR: '3n,4n,16c',
  GT: '4c,20c',
  HN: '4a,20n',
  HR: '7n,10n',
  HU: '3n,4n,1n,15n,1n',
  IE: '4a,6n,8n',
  IL: '3n,3n,13n',
  IQ: '4a,3n,12n',
  IS: '4n,2n,6n,10n',
  IT: '1a,5n,5n,12c',
  JO: '4a,4n,18c',
  KW: '4a,22c',
  KZ: '3n,13c',
  LB: '4n,20c',
  LC: '4a,24c',
  LI: '5n,12c',
  LT: '5n,11n',
  LU: '3n,13c',
  LV: '4a,13c',
  LY: '3n,3n,15n',
  MC: '5n,5n,11c,2n',
  MD: '2c,18c',
  ME: '3n,13n,2n',
  MK: '3n,10c,2n',
  MN: '4n,12n',
  MR: '5n,5n,11n,2n',
  MT: '4a,5n,18c',
  MU: '4a,2n,2n,12n,3n,3a',
  NI: '4a,20n',
  NL: '4a,10n',
  NO: '4n,6n,1n',
  OM: '3n,16c',
  PK: '4a,16c',
  PL: '8n,16n',
  PS: '4a,21c',
  PT: '4n,4n,11n,2n',
  QA: '4a,21c',
  RO: '4a,16c',
  RS: '3n,13n,2n',
  RU: '9n,5n,15c',
  SA: '2n,18c',
  SC: '4a,2n,2n,16n,3a',
  SD: '2n,12n',
  SE: '3n,16n,1n',
  SI: '5n,8n,2n',
  SK: '4n,6n,10n',
  SM: '1a,5n,5n,12c',
  SO: '4n,3n,12n',
  ST: '4n,4n,11n,2n',
  SV: '4a,20n',
  TL: '3n,14n,2n',
  TN: '2n,3n,13n,2n',
  TR: '5n,1n,16c',
  UA: '6n,19c',
  VA: '3n,15n',
  VG: '4a,16n',
  XK: '4n,10n,2n',
  YE: '4a,4n,18c',
};

const CLASS_SOURCE: Record<string, string> = { n: '\\d', a: '[A-Z]', c: '[A-Z0-9]' };

/** One character class letter (n, a or c) per BBAN position. */
export function bbanClasses(format: string): string[] {
  const classes: string[] = [];
  for (const part of format.split(',')) {
    const count = parseInt(part, 10);
    const kind = part.charAt(part.length - 1);
    for (let i = 0; i < count; i++) classes.push(kind);
  }
  return classes;
}

/** Total IBAN length for a country code, or 0 when the country does not use IBANs. */
export function ibanLength(country: string): number {
  const format = IBAN_BBAN_FORMATS[country];
  return format === undefined ? 0 : 4 + bbanClasses(format).length;
}

/**
 * Regex source for one country's IBAN in electronic (DE89370400440532013000) or paper form
 * (DE89 3704 0044 0532 0130 00, dashes also accepted): a separator may only sit between
 * groups of four counted from the start, as ISO 13616 prints it. Fixed length, no nesting.
 */
export function ibanCountrySource(country: string, format: string): string {
  const classes = bbanClasses(format);
  let source = country + '\\d{2}';
  let i = 0;
  while (i < classes.length) {
    if (i % 4 === 0) source += '[ -]?';
    // A run of one class within the current group of four.
    const kind = classes[i] as string;
    let run = 1;
    while (i + run < classes.length && (i + run) % 4 !== 0 && classes[i + run] === kind) run++;
    source += (CLASS_SOURCE[kind] as string) + (run > 1 ? '{' + run + '}' : '');
    i += run;
  }
  return source;
}

/** Country codes as a 26x26 table, for the trigger's two-letter check without substrings. */
const COUNTRY_TABLE = (() => {
  const table = new Uint8Array(26 * 26);
  for (const country of Object.keys(IBAN_BBAN_FORMATS)) {
    table[(country.charCodeAt(0) - 65) * 26 + (country.charCodeAt(1) - 65)] = 1;
  }
  return table;
})();

/** True when the two upper-case letter codes form a country that issues IBANs. */
export function isIbanCountryCode(first: number, second: number): boolean {
  if (first < 65 || first > 90 || second < 65 || second > 90) return false;
  return COUNTRY_TABLE[(first - 65) * 26 + (second - 65)] === 1;
}
