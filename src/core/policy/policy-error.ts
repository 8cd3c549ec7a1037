/** A policy that cannot be loaded. The message names the JSON path and the problem of the first error. */
export class PolicyError extends Error {
  /** Every problem found, each 'path: problem'. */
  readonly problems: string[];

  constructor(problems: string[]) {
    const first = problems[0] ?? 'policy: invalid';
    super(problems.length > 1 ? `${first} (and ${problems.length - 1} more)` : first);
    this.name = 'PolicyError';
    this.problems = problems;
  }
}
