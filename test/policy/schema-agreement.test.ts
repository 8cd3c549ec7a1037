import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_POLICY } from '../../src/core/policy/default-policy';
import { loadPolicy } from '../../src/core/policy/load-policy';
import { ACTIONS } from '../../src/core/policy/policy';
import type { PolicyError } from '../../src/core/policy/policy-error';
import { RECIPIENT_CLASSES } from '../../src/core/recipients/classify-recipients';
import { ENTITY_IDS } from '../../src/core/types';
import { schemaErrors, schemaPaths, valuePaths } from './json-schema-subset';

const ROOT = join(__dirname, '..', '..', 'policy');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'sendwarden-policy.schema.json'), 'utf8')) as Record<
  string,
  unknown
>;
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(ROOT, 'examples', f), 'utf8')) as unknown }));

/** What JSON Schema cannot say (unique ids, overrides naming existing rules) only the loader checks. */
const CROSS_CHECK = /duplicate (rule|override|reason) id|no rule has the id/;

/** 'accept', 'reject', or 'cross-check' when the only problems are ones the schema cannot express. */
function loaderAnswer(json: unknown): 'accept' | 'reject' | 'cross-check' {
  try {
    loadPolicy(json);
    return 'accept';
  } catch (error) {
    const problems = (error as PolicyError).problems;
    return problems.every((p) => CROSS_CHECK.test(p)) ? 'cross-check' : 'reject';
  }
}

/** Every (path, container) pair in a JSON value, for mutation. */
function locations(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push([...path, i], ...locations(v, [...path, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) out.push([...path, k], ...locations(v, [...path, k]));
  return out;
}

function mutate(json: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(json)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

describe('the published schema and the loader agree', () => {
  it.each(EXAMPLES.map((e) => [e.file, e.json]))('%s validates against both', (_file, json) => {
    expect(schemaErrors(SCHEMA, json)).toEqual([]);
    expect(() => loadPolicy(json)).not.toThrow();
  });

  it('the default example is the built-in default policy', () => {
    const fromFile = EXAMPLES.find((e) => e.file === 'default.json');
    expect(loadPolicy(fromFile?.json)).toEqual(DEFAULT_POLICY);
  });

  it('the examples together use every field the schema defines', () => {
    const used = new Set<string>();
    for (const e of EXAMPLES) for (const p of valuePaths(e.json)) used.add(p);
    const freeForm =
      /^(entities\.[A-Z_]+|messages\.\w+\.[a-zA-Z-]+|justification\.reasons\[\]\.text\.[a-zA-Z-]+|audit\.headers\..+|overrides\[\]\.actions\..+)$/;
    const missing = [...schemaPaths(SCHEMA)].filter((p) => !used.has(p) && !/^entities\.[A-Z_]+$/.test(p));
    expect(missing).toEqual([]);
    const unknown = [...used].filter((p) => !schemaPaths(SCHEMA).has(p) && !freeForm.test(p));
    expect(unknown).toEqual([]);
  });

  it('enumerations match the code', () => {
    const props = SCHEMA.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(props.entities?.properties as object)).toEqual([...ENTITY_IDS]);
    const rule = (
      SCHEMA.definitions as Record<string, Record<string, Record<string, Record<string, unknown>>>>
    ).rule;
    expect(rule?.properties?.action?.enum).toEqual([...ACTIONS]);
    const when = rule?.properties?.when?.properties as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    expect(when.recipients?.items?.enum).toEqual([...RECIPIENT_CLASSES]);
  });

  it('every mutation (wrong type, removal, unknown field) gets the same answer from both', () => {
    const replacements: unknown[] = [
      undefined,
      null,
      'x',
      -1,
      1.5,
      true,
      [],
      {},
      'https://a.example',
      'a.example',
    ];
    const disagreements: string[] = [];
    let checked = 0;
    for (const { file, json } of EXAMPLES) {
      for (const path of [[], ...locations(json)]) {
        const candidates = path.length === 0 ? [] : replacements.map((r) => mutate(json, path, r));
        const target =
          path.length === 0 ? json : path.reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], json);
        if (typeof target === 'object' && target !== null && !Array.isArray(target))
          candidates.push(mutate(json, [...path, 'zzUnknownField'], 1));
        for (const candidate of candidates) {
          checked++;
          const bySchema = schemaErrors(SCHEMA, candidate).length === 0 ? 'accept' : 'reject';
          const byLoader = loaderAnswer(candidate);
          if (byLoader === 'cross-check' ? bySchema !== 'accept' : bySchema !== byLoader)
            disagreements.push(`${file} ${JSON.stringify(path)}: schema ${bySchema}, loader ${byLoader}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(disagreements).toEqual([]);
  });
});
