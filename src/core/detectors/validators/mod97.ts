/**
 * ISO 7064 MOD 97-10 as IBANs use it (ISO 13616): move the country code and check digits to
 * the end, read letters as 10..35, and the whole number must leave remainder 1 modulo 97.
 * Computed digit by digit, so no BigInt is needed for 34-character IBANs.
 */
export function mod97Remainder(alnum: string): number {
  let remainder = 0;
  for (let i = 0; i < alnum.length; i++) {
    const c = alnum.charCodeAt(i);
    if (c >= 48 && c <= 57) remainder = (remainder * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) remainder = (remainder * 100 + (c - 55)) % 97;
    else return -1;
  }
  return remainder;
}

/**
 * True when a compact IBAN (upper case, no separators) passes mod-97. Check digits 00, 01 and
 * 99 are never issued (98 - n mod 97 is always 02..98), so they are rejected as well.
 */
export function ibanChecksumValid(compact: string): boolean {
  if (compact.length < 5) return false;
  const check = compact.slice(2, 4);
  if (check === '00' || check === '01' || check === '99') return false;
  return mod97Remainder(compact.slice(4) + compact.slice(0, 4)) === 1;
}
