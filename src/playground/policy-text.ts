/**
 * The playground's policy, as the JSON text IT would write, and its validation with the core's
 * loadPolicy (the same code the add-in runs). Errors name the JSON path.
 */
import { loadPolicy } from '../core/policy/load-policy';
import type { Policy } from '../core/policy/policy';
import { PolicyError } from '../core/policy/policy-error';
import { ORGANIZATION_DOMAIN, PARTNER_DOMAIN } from './scenarios';

/** The built-in default policy with the playground's organization and partner filled in. */
export const PLAYGROUND_POLICY_JSON = JSON.stringify(
  {
    version: 1,
    revision: 'playground-1',
    name: 'Playground (the built-in rules)',
    organization: { domains: [ORGANIZATION_DOMAIN] },
    partners: { domains: [PARTNER_DOMAIN] },
  },
  null,
  2,
);

export type PolicyParse = { ok: true; policy: Policy } | { ok: false; problems: string[] };

export function parsePolicyText(text: string): PolicyParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`JSON: ${error instanceof Error ? error.message : 'not valid JSON'}`] };
  }
  try {
    return { ok: true, policy: loadPolicy(json) };
  } catch (error) {
    if (error instanceof PolicyError) return { ok: false, problems: error.problems };
    return { ok: false, problems: [error instanceof Error ? error.message : 'policy: invalid'] };
  }
}
