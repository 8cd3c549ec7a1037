import type { RawFinding } from './text-scan';

/**
 * Keeps the strongest finding where findings overlap: a 9-digit value under an SSN header is
 * an SSN, not also a bank number, a passport and a driver's license. Strongest first, each
 * finding claims its characters in a bitmap; one that touches a claimed character is dropped.
 * Findings are short, so this is linear in the covered text (an interval list was quadratic on a
 * line of 100,000 numbers).
 */
export function resolveOverlaps(raw: RawFinding[]): RawFinding[] {
  if (raw.length < 2) return raw;
  // Numbers arrive in text order, then addresses: sort only when needed (V8's sort merges the two
  // runs). Most texts have no overlap at all: then there is nothing to resolve.
  const byStart = isSortedByStart(raw) ? raw : raw.sort((a, b) => a.start - b.start);
  let overlapping = false;
  for (let i = 1; i < byStart.length && !overlapping; i++) {
    if ((byStart[i] as RawFinding).start < (byStart[i - 1] as RawFinding).end) overlapping = true;
  }
  return overlapping ? keepStrongest(byStart) : byStart;
}

function isSortedByStart(raw: RawFinding[]): boolean {
  for (let i = 1; i < raw.length; i++)
    if ((raw[i] as RawFinding).start < (raw[i - 1] as RawFinding).start) return false;
  return true;
}

function keepStrongest(raw: RawFinding[]): RawFinding[] {
  let from = Infinity;
  let to = 0;
  for (const f of raw) {
    if (f.start < from) from = f.start;
    if (f.end > to) to = f.end;
  }
  const claimed = new Uint8Array(to - from);
  const byStrength = raw.slice().sort((a, b) => b.score - a.score || a.start - b.start);
  const kept: RawFinding[] = [];
  for (const candidate of byStrength) {
    let free = true;
    for (let i = candidate.start - from; i < candidate.end - from && free; i++) if (claimed[i]) free = false;
    if (!free) continue;
    claimed.fill(1, candidate.start - from, candidate.end - from);
    kept.push(candidate);
  }
  return kept.sort((a, b) => a.start - b.start);
}
