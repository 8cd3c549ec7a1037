/**
 * Damerau-Levenshtein distance (optimal string alignment: insert, delete, substitute, swap of
 * two neighbours), bounded: once every cell of a row exceeds `max` the answer is `max + 1`.
 * Domain names are short (a label is at most 63 characters), so the quadratic table is cheap.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let twoBack: number[] = [];
  let previous: number[] = [];
  for (let j = 0; j <= b.length; j++) previous.push(j);
  for (let i = 1; i <= a.length; i++) {
    const current: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1);
      best = Math.min(best, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, (twoBack[j - 2] as number) + 1);
      current.push(best);
      if (best < rowMin) rowMin = best;
    }
    if (rowMin > max) return max + 1;
    twoBack = previous;
    previous = current;
  }
  return Math.min(previous[b.length] as number, max + 1);
}
