/**
 * A tiny validator for the policy loader: each check records 'path: problem' and returns the
 * value when it is good. Hand-written instead of a JSON Schema engine to keep the core small;
 * test/policy/schema-agreement.test.ts keeps it in step with the published schema.
 */

export type Json = unknown;

export class Problems {
  readonly list: string[] = [];

  add(path: string, problem: string): undefined {
    this.list.push(`${path}: ${problem}`);
    return undefined;
  }
}

export function join(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function describe(value: Json): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** A plain object with only the allowed keys (unknown keys are errors: they are usually typos). */
export function objectAt(
  value: Json,
  path: string,
  allowed: readonly string[],
  problems: Problems,
): Record<string, Json> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return problems.add(path || '(root)', `must be an object, got ${describe(value)}`);
  const record = value as Record<string, Json>;
  for (const key of Object.keys(record))
    if (allowed.indexOf(key) < 0)
      problems.add(join(path, key), `unknown field (allowed: ${allowed.join(', ')})`);
  return record;
}

export function stringAt(
  value: Json,
  path: string,
  problems: Problems,
  limits: { min?: number; max: number },
): string | undefined {
  if (typeof value !== 'string') return problems.add(path, `must be a string, got ${describe(value)}`);
  if (value.length < (limits.min ?? 1)) return problems.add(path, `must not be empty`);
  if (value.length > limits.max) return problems.add(path, `must be at most ${limits.max} characters`);
  return value;
}

export function booleanAt(value: Json, path: string, problems: Problems): boolean | undefined {
  if (typeof value !== 'boolean') return problems.add(path, `must be true or false, got ${describe(value)}`);
  return value;
}

export function integerAt(
  value: Json,
  path: string,
  problems: Problems,
  min: number,
  max: number,
): number | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return problems.add(path, `must be an integer, got ${describe(value)}`);
  if (value < min || value > max) return problems.add(path, `must be between ${min} and ${max}`);
  return value;
}

export function oneOfAt<T extends string>(
  value: Json,
  path: string,
  problems: Problems,
  allowed: readonly T[],
): T | undefined {
  if (typeof value !== 'string' || allowed.indexOf(value as T) < 0)
    return problems.add(path, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** An array whose items each pass `item`; items that fail are dropped (their problems recorded). */
export function arrayAt<T>(
  value: Json,
  path: string,
  problems: Problems,
  maxItems: number,
  item: (value: Json, path: string) => T | undefined,
): T[] | undefined {
  if (!Array.isArray(value)) return problems.add(path, `must be an array, got ${describe(value)}`);
  if (value.length > maxItems) return problems.add(path, `must have at most ${maxItems} items`);
  const out: T[] = [];
  value.forEach((entry: Json, index: number) => {
    const checked = item(entry, join(path, index));
    if (checked !== undefined) out.push(checked);
  });
  return out;
}
