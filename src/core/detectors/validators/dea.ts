/**
 * DEA registration number check digit (21 CFR 1301; DEA Diversion Control): over the seven
 * digits after the two letters, (d1 + d3 + d5) + 2 * (d2 + d4 + d6) must end in d7.
 */
export function deaCheckValid(sevenDigits: string): boolean {
  if (sevenDigits.length !== 7) return false;
  const d: number[] = [];
  for (let i = 0; i < 7; i++) {
    const v = sevenDigits.charCodeAt(i) - 48;
    if (v < 0 || v > 9) return false;
    d.push(v);
  }
  const [d1, d2, d3, d4, d5, d6, d7] = d as [number, number, number, number, number, number, number];
  return (d1 + d3 + d5 + 2 * (d2 + d4 + d6)) % 10 === d7;
}
