/**
 * A small JSON Schema (draft-07) validator for the keywords the policy schema uses, so the test
 * can compare the schema's answer with the loader's. An unknown keyword throws: the test must
 * never silently ignore part of the schema.
 */
type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'definitions', 'examples']);
const KEYWORDS = new Set([
  '$ref',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
]);

function typeOk(type: string, value: unknown): boolean {
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'integer') return Number.isInteger(value);
  return typeof value === type;
}

export function schemaErrors(root: Schema, value: unknown, schema: Schema = root, path = ''): string[] {
  for (const key of Object.keys(schema))
    if (!ANNOTATIONS.has(key) && !KEYWORDS.has(key))
      throw new Error(`unsupported schema keyword ${key} at ${path}`);
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/definitions/', '');
    return schemaErrors(root, value, (root.definitions as Record<string, Schema>)[name] as Schema, path);
  }
  const errors: string[] = [];
  const fail = (message: string): void => {
    errors.push(`${path || '(root)'}: ${message}`);
  };
  if (schema.type && !typeOk(schema.type as string, value)) return [`${path}: type`];
  if ('const' in schema && value !== schema.const) fail('const');
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) fail('enum');
  if (typeof value === 'string') {
    const length = Array.from(value).length;
    if (schema.minLength !== undefined && length < (schema.minLength as number)) fail('minLength');
    if (schema.maxLength !== undefined && length > (schema.maxLength as number)) fail('maxLength');
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(value)) fail('pattern');
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < (schema.minimum as number)) fail('minimum');
    if (schema.maximum !== undefined && value > (schema.maximum as number)) fail('maximum');
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < (schema.minItems as number)) fail('minItems');
    if (schema.maxItems !== undefined && value.length > (schema.maxItems as number)) fail('maxItems');
    if (schema.items)
      value.forEach((v, i) => errors.push(...schemaErrors(root, v, schema.items as Schema, `${path}[${i}]`)));
  }
  if (typeOk('object', value))
    errors.push(...objectErrors(root, value as Record<string, unknown>, schema, path));
  if (schema.oneOf) {
    const passing = (schema.oneOf as Schema[]).filter((s) => schemaErrors(root, value, s, path).length === 0);
    if (passing.length !== 1) fail(`oneOf matched ${passing.length}`);
  }
  return errors;
}

function objectErrors(root: Schema, value: Record<string, unknown>, schema: Schema, path: string): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const key of (schema.required ?? []) as string[])
    if (!(key in value)) errors.push(`${path}.${key}: required`);
  for (const key of Object.keys(value)) {
    const child = path ? `${path}.${key}` : key;
    if (schema.propertyNames)
      errors.push(...schemaErrors(root, key, schema.propertyNames as Schema, `${child}(name)`));
    if (properties[key]) errors.push(...schemaErrors(root, value[key], properties[key] as Schema, child));
    else if (schema.additionalProperties === false) errors.push(`${child}: additional`);
    else if (typeof schema.additionalProperties === 'object')
      errors.push(...schemaErrors(root, value[key], schema.additionalProperties as Schema, child));
  }
  return errors;
}

/** Every property path the schema defines, '[]' for array items, '*' for free-form keys. */
export function schemaPaths(
  root: Schema,
  schema: Schema = root,
  path = '',
  out = new Set<string>(),
  depth = 0,
): Set<string> {
  if (depth > 20) return out;
  if (schema.$ref) {
    const name = String(schema.$ref).replace('#/definitions/', '');
    return schemaPaths(
      root,
      (root.definitions as Record<string, Schema>)[name] as Schema,
      path,
      out,
      depth + 1,
    );
  }
  for (const [key, child] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    const p = path ? `${path}.${key}` : key;
    out.add(p);
    schemaPaths(root, child, p, out, depth + 1);
  }
  if (schema.items) schemaPaths(root, schema.items as Schema, `${path}[]`, out, depth + 1);
  for (const option of (schema.oneOf ?? []) as Schema[]) schemaPaths(root, option, path, out, depth + 1);
  return out;
}

/** Every property path a JSON value uses, in the same notation (free-form maps excluded by the caller). */
export function valuePaths(value: unknown, path = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => valuePaths(v, `${path}[]`, out));
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      const p = path ? `${path}.${key}` : key;
      out.add(p);
      valuePaths(child, p, out);
    }
  return out;
}
