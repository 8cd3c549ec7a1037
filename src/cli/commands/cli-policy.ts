import { readFileSync } from 'node:fs';
import { DEFAULT_POLICY } from '../../core/policy/default-policy';
import { evaluate } from '../../core/policy/evaluate';
import { loadPolicy } from '../../core/policy/load-policy';
import type { Action, Policy } from '../../core/policy/policy';
import { PolicyError } from '../../core/policy/policy-error';
import type { RecipientClass } from '../../core/recipients/classify-recipients';
import type { LocatedFinding, MessageSnapshot, Unscanned } from '../../core/types';
import { UsageError } from '../usage-error';

/**
 * The policy the CLI applies: the --policy file (or the built-in default), with
 * --internal-domains and --partner-domains replacing its domains when given.
 */
export function policyFromArgs(
  policyFile?: string,
  internal?: readonly string[],
  partners?: readonly string[],
): Policy {
  let policy = DEFAULT_POLICY;
  if (policyFile) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(policyFile, 'utf8'));
    } catch (error) {
      throw new UsageError(`cannot read policy ${policyFile}: ${(error as Error).message}`);
    }
    try {
      policy = loadPolicy(json);
    } catch (error) {
      if (error instanceof PolicyError)
        throw new UsageError(`invalid policy ${policyFile}: ${error.message}`);
      throw error;
    }
  }
  if (internal && internal.length > 0)
    policy = { ...policy, organization: { ...policy.organization, domains: internal.slice() } };
  if (partners && partners.length > 0)
    policy = { ...policy, partners: { ...policy.partners, domains: partners.slice() } };
  return policy;
}

/** The fields `sendwarden scan` adds to each JSON object. */
export interface VerdictFields {
  recipients: { address: string; class: RecipientClass }[];
  verdict: { action: Action; rules: string[] };
}

/** Classifies the recipients and decides the verdict for one scanned message. */
export function verdictFields(
  snapshot: MessageSnapshot,
  scan: { findings: LocatedFinding[]; unscanned: Unscanned[] },
  policy: Policy,
  sender?: string,
): VerdictFields {
  const verdict = evaluate(
    {
      findings: scan.findings,
      unscanned: scan.unscanned,
      recipients: snapshot.recipients,
      sender: sender ?? snapshot.from?.address,
      subject: snapshot.subject,
      headers: snapshot.headers,
      sensitivityLabel: snapshot.sensitivityLabel,
    },
    policy,
  );
  return {
    recipients: verdict.recipients.map((r) => ({ address: r.address, class: r.class })),
    verdict: { action: verdict.action, rules: verdict.rules },
  };
}
