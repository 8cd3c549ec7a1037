import { matchesDomain, parseAddress } from '../recipients/domain';
import type { Policy, Rule, SenderOverride } from './policy';

/** Does the override's sender list name this sender (by address, or by domain and its subdomains)? */
export function overrideApplies(override: SenderOverride, sender: string | undefined): boolean {
  if (!sender) return false;
  const { address, domain } = parseAddress(sender);
  return override.senders.some((entry) =>
    entry.indexOf('@') >= 0 ? entry === address : domain !== '' && matchesDomain(domain, entry, true),
  );
}

/** The rules in force for this sender: every matching override applied in order. */
export function rulesForSender(
  policy: Policy,
  sender: string | undefined,
): { rules: Rule[]; overrides: string[] } {
  let rules = policy.rules;
  const applied: string[] = [];
  for (const override of policy.overrides) {
    if (!overrideApplies(override, sender)) continue;
    applied.push(override.id);
    rules = rules
      .filter((rule) => override.disableRules.indexOf(rule.id) < 0)
      .map((rule) => {
        const action = override.actions[rule.id];
        return action ? { ...rule, action } : rule;
      });
  }
  return { rules, overrides: applied };
}
