/**
 * NHS number check digit (NHS Data Dictionary, "NHS Number"): weights 10..2 over the first nine
 * digits; check = 11 - (sum mod 11), 11 becomes 0, and 10 means the number was never issued.
 */
export function nhsCheckValid(digits: string): boolean {
  if (digits.length !== 10) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    sum += d * (10 - i);
  }
  let check = 11 - (sum % 11);
  if (check === 11) check = 0;
  if (check === 10) return false;
  return check === digits.charCodeAt(9) - 48;
}
