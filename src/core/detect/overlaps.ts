import type { Candidates } from './candidates';

/**
 * Keeps the strongest finding where findings overlap: a 9-digit value under an SSN header is
 * an SSN, not also a bank number, a passport and a driver's license. Strongest first, each
 * finding claims its characters in a bitmap; one that touches a claimed character is dropped.
 * Findings are short, so this is linear in the covered text (an interval list was quadratic on a
 * line of 100,000 numbers). Returns the indexes of the candidates kept, in text order.
 */
export function resolveOverlaps(candidates: Candidates): number[] {
  const { count, starts, ends } = candidates;
  const order: number[] = new Array<number>(count);
  for (let i = 0; i < count; i++) order[i] = i;
  if (count < 2) return order;
  // Numbers arrive in text order, then addresses: sort only when needed (the sort is stable, so
  // equal starts keep the order they were found in). Most texts have no overlap at all.
  if (!isSortedByStart(starts, count)) order.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  let overlapping = false;
  for (let i = 1; i < count && !overlapping; i++) {
    if ((starts[order[i] as number] as number) < (ends[order[i - 1] as number] as number)) overlapping = true;
  }
  return overlapping ? keepStrongest(candidates, order) : order;
}

function isSortedByStart(starts: Int32Array, count: number): boolean {
  for (let i = 1; i < count; i++) if ((starts[i] as number) < (starts[i - 1] as number)) return false;
  return true;
}

function keepStrongest(candidates: Candidates, byStart: number[]): number[] {
  const { starts, ends, scores } = candidates;
  let from = Infinity;
  let to = 0;
  for (const i of byStart) {
    if ((starts[i] as number) < from) from = starts[i] as number;
    if ((ends[i] as number) > to) to = ends[i] as number;
  }
  const claimed = new Uint8Array(to - from);
  const byStrength = byStart
    .slice()
    .sort(
      (a, b) =>
        (scores[b] as number) - (scores[a] as number) || (starts[a] as number) - (starts[b] as number),
    );
  const kept: number[] = [];
  for (const i of byStrength) {
    const start = (starts[i] as number) - from;
    const end = (ends[i] as number) - from;
    let free = true;
    for (let c = start; c < end && free; c++) if (claimed[c]) free = false;
    if (!free) continue;
    claimed.fill(1, start, end);
    kept.push(i);
  }
  return kept.sort((a, b) => (starts[a] as number) - (starts[b] as number));
}
