/**
 * ABA routing transit numbers: weights 3, 7, 1 repeated over the nine digits, sum divisible by
 * 10 (ABA Key to Routing Numbers), and a first two digits the Federal Reserve assigns:
 * 00-12 (banks), 21-32 (thrifts), 61-72 (electronic), 80 (traveler's cheques), per the U.S.
 * Treasury routing number schema.
 */
const WEIGHTS = [3, 7, 1, 3, 7, 1, 3, 7, 1];

export function abaChecksumValid(digits: string): boolean {
  if (digits.length !== 9) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (WEIGHTS[i] as number);
  }
  return sum % 10 === 0;
}

/** True when the two-digit number is a Treasury routing prefix. */
export function abaPrefixInRange(prefix: number): boolean {
  return (
    (prefix >= 0 && prefix <= 12) ||
    (prefix >= 21 && prefix <= 32) ||
    (prefix >= 61 && prefix <= 72) ||
    prefix === 80
  );
}

export function abaPrefixValid(digits: string): boolean {
  return digits.length === 9 && abaPrefixInRange(Number(digits.slice(0, 2)));
}
