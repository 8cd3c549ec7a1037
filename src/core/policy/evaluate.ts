import { atLeast } from '../detect/confidence';
import { classifyRecipients, type ClassifiedRecipient } from '../recipients/classify-recipients';
import type { EntityId, LocatedFinding, MessagePart } from '../types';
import { isMarkedForEncryption } from './encryption-mark';
import { actionRank, stricter, type Action, type Policy, type PolicyPart, type Rule } from './policy';
import { rulesForSender } from './sender-overrides';
import type { EvaluateInput, LocationSummary, OutsideClass, Verdict, VerdictReason } from './verdict';

/** The rule id a verdict names when fail-closed blocked an unfinished scan. */
export const FAIL_CLOSED_RULE = 'fail-closed';

const PART_OF: Record<MessagePart, PolicyPart> = {
  subject: 'subject',
  body: 'body',
  attachment: 'attachments',
};

interface Context {
  counted: LocatedFinding[];
  recipients: ClassifiedRecipient[];
  unscannedCount: number;
}

/** Findings of entities the policy counts, at or above the confidence it counts them from. */
export function countedFindings(findings: readonly LocatedFinding[], policy: Policy): LocatedFinding[] {
  return findings.filter((f) => {
    const minimum = policy.entities[f.entity];
    return minimum !== undefined && atLeast(f.confidence, minimum);
  });
}

function contentCount(rule: Rule, counted: readonly LocatedFinding[]): number {
  const { entities, where } = rule.when;
  let n = 0;
  for (const f of counted) {
    if (entities && entities.indexOf(f.entity) < 0) continue;
    if (where && where.indexOf(PART_OF[f.location.part]) < 0) continue;
    n++;
  }
  return n;
}

function ruleHolds(rule: Rule, ctx: Context): boolean {
  const w = rule.when;
  const classes = ctx.recipients.map((r) => r.class);
  if (w.recipients && !classes.some((c) => (w.recipients as string[]).indexOf(c) >= 0)) return false;
  if (
    w.onlyRecipients &&
    (classes.length === 0 || !classes.every((c) => (w.onlyRecipients as string[]).indexOf(c) >= 0))
  )
    return false;
  if (w.lookalike !== undefined && classes.indexOf('lookalike') >= 0 !== w.lookalike) return false;
  if (w.unscannable !== undefined && ctx.unscannedCount > 0 !== w.unscannable) return false;
  if (
    w.distributionList !== undefined &&
    ctx.recipients.some((r) => r.distributionList === true) !== w.distributionList
  )
    return false;
  const minCount = w.minCount ?? 0;
  return minCount === 0 || contentCount(rule, ctx.counted) >= minCount;
}

/** A fired rule's action once encryption is taken into account. */
function effectiveAction(rule: Rule, marked: boolean): Action {
  if (marked && (rule.action === 'encrypt' || rule.unlessMarkedForEncryption === true)) return 'allow';
  return rule.action;
}

function strictest(rules: readonly Rule[], marked: boolean): Action {
  return rules.reduce<Action>((acc, rule) => stricter(acc, effectiveAction(rule, marked)), 'allow');
}

function summarizeLocations(counted: readonly LocatedFinding[]): LocationSummary {
  const summary: LocationSummary = { subject: 0, body: 0, attachments: [] };
  const byName = new Map<string, { name: string; count: number }>();
  for (const f of counted) {
    if (f.location.part !== 'attachment') {
      summary[f.location.part]++;
      continue;
    }
    const path = f.location.path && f.location.path.length > 0 ? f.location.path : [f.location.name ?? '?'];
    const name = path.join(' > ');
    let entry = byName.get(name);
    if (!entry) {
      entry = { name, count: 0 };
      byName.set(name, entry);
      summary.attachments.push(entry);
    }
    entry.count++;
  }
  return summary;
}

function outsideDomains(recipients: readonly ClassifiedRecipient[]): Record<OutsideClass, string[]> {
  const sets: Record<OutsideClass, Set<string>> = {
    partner: new Set(),
    personal: new Set(),
    external: new Set(),
    lookalike: new Set(),
  };
  for (const r of recipients) if (r.class !== 'internal') sets[r.class].add(r.domain || r.address);
  const sorted = (s: Set<string>): string[] => Array.from(s).sort();
  return {
    partner: sorted(sets.partner),
    personal: sorted(sets.personal),
    external: sorted(sets.external),
    lookalike: sorted(sets.lookalike),
  };
}

function countByEntity(counted: readonly LocatedFinding[]): Partial<Record<EntityId, number>> {
  const counts: Partial<Record<EntityId, number>> = {};
  for (const f of counted) counts[f.entity] = (counts[f.entity] ?? 0) + 1;
  return counts;
}

function reasonsFor(
  ctx: Context,
  input: EvaluateInput,
  marked: boolean,
  failClosed: boolean,
): VerdictReason[] {
  const reasons: VerdictReason[] = [];
  if (ctx.counted.length > 0) reasons.push('sensitive-data');
  if (ctx.recipients.some((r) => r.class !== 'internal')) reasons.push('outside-recipients');
  if (ctx.recipients.some((r) => r.class === 'lookalike')) reasons.push('lookalike-domain');
  if (ctx.unscannedCount > 0) reasons.push('unscanned-attachments');
  if (ctx.recipients.some((r) => r.distributionList === true)) reasons.push('distribution-list');
  if (input.scanFailed) reasons.push(input.scanFailed === 'timeout' ? 'scan-timeout' : 'scan-error');
  if (failClosed) reasons.push('fail-closed');
  if (marked) reasons.push('marked-for-encryption');
  return reasons;
}

/** May the employee send after a justification instead of what the rules ask? */
function justifiable(action: Action, fired: readonly Rule[], marked: boolean): boolean {
  if (action === 'justify') return true;
  if (action !== 'encrypt') return false;
  return fired.every((rule) => effectiveAction(rule, marked) !== 'encrypt' || rule.allowJustify === true);
}

/**
 * Decides what happens at Send. Every rule whose conditions hold fires; the strictest action
 * wins. Encryption (the configured marker, or an accepted one) satisfies 'encrypt' rules and
 * rules marked unlessMarkedForEncryption. An unfinished scan is decided on what was found
 * (fail open) or blocked when anyone outside receives it (fail closed).
 */
export function evaluate(input: EvaluateInput, policy: Policy): Verdict {
  const recipients = classifyRecipients(input.recipients, {
    organizationDomains: policy.organization.domains,
    includeSubdomains: policy.organization.includeSubdomains,
    partnerDomains: policy.partners.domains,
    partnerIncludeSubdomains: policy.partners.includeSubdomains,
    sender: input.sender,
    distributionLists: policy.distributionLists,
  });
  const ctx: Context = {
    counted: countedFindings(input.findings, policy),
    recipients,
    unscannedCount: input.unscanned.length,
  };
  const { rules, overrides } = rulesForSender(policy, input.sender);
  const fired = rules.filter((rule) => ruleHolds(rule, ctx));
  const marked = isMarkedForEncryption(policy.encryption, input);
  let action = strictest(fired, marked);
  const unmarkedAction = strictest(fired, false);
  let actionIfEncrypted = strictest(fired, true);
  const failClosed =
    input.scanFailed !== undefined &&
    policy.failMode === 'closed' &&
    recipients.some((r) => r.class !== 'internal');
  const ruleIds = fired.map((rule) => rule.id);
  if (failClosed) {
    action = 'block';
    actionIfEncrypted = 'block';
    ruleIds.push(FAIL_CLOSED_RULE);
  }
  const encryptionRequired = fired.some(
    (r) => r.action === 'encrypt' || r.unlessMarkedForEncryption === true,
  );
  const canJustify = !failClosed && justifiable(action, fired, marked);
  return {
    action,
    rules: ruleIds,
    counts: countByEntity(ctx.counted),
    total: ctx.counted.length,
    locations: summarizeLocations(ctx.counted),
    outsideDomains: outsideDomains(recipients),
    lookalikes: uniqueLookalikes(recipients),
    recipients,
    unscanned: input.unscanned,
    reasons: reasonsFor(ctx, input, marked, failClosed),
    encryptionRequired,
    encryptionSatisfied: marked && encryptionRequired && actionRank(action) < actionRank(unmarkedAction),
    actionIfEncrypted,
    canJustify,
    justificationReasons: canJustify ? policy.justification.reasons : [],
    allowFreeText: canJustify && policy.justification.allowFreeText,
    policyVersion: policy.version,
    policyRevision: policy.revision,
    overrides,
    ...(input.scanFailed ? { scanFailed: input.scanFailed } : {}),
  };
}

function uniqueLookalikes(recipients: readonly ClassifiedRecipient[]): { domain: string; of: string }[] {
  const seen = new Set<string>();
  const out: { domain: string; of: string }[] = [];
  for (const r of recipients) {
    if (r.class !== 'lookalike' || seen.has(r.domain)) continue;
    seen.add(r.domain);
    out.push({ domain: r.domain, of: r.lookalikeOf ?? '' });
  }
  return out;
}
