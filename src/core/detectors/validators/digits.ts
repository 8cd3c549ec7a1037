/** True when every digit is the same (000000000, 111-11-1111): placeholders, never real numbers. */
export function allSameDigit(digits: string): boolean {
  const first = digits.charCodeAt(0);
  for (let i = 1; i < digits.length; i++) if (digits.charCodeAt(i) !== first) return false;
  return true;
}

/** True when the value uses at most one kind of separator between its groups (123-45-6789, not 123-45.6789). */
export function consistentSeparators(value: string): boolean {
  let separator = -1;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const isAlnum = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (isAlnum) continue;
    if (separator < 0) separator = c;
    else if (c !== separator) return false;
  }
  return true;
}

/** True when the digits are an ascending or descending run (123456789, 987654321). */
export function sequentialDigits(digits: string): boolean {
  if (digits.length < 6) return false;
  let up = true;
  let down = true;
  // Most numbers are neither after two steps: stop there rather than read every digit.
  for (let i = 1; i < digits.length && (up || down); i++) {
    const step = digits.charCodeAt(i) - digits.charCodeAt(i - 1);
    if (step !== 1 && step !== -9) up = false;
    if (step !== -1 && step !== 9) down = false;
  }
  return up || down;
}
