import type { ClassifiedRecipient, RecipientClass } from '../recipients/classify-recipients';
import type { EntityId, LocatedFinding, RecipientInput, Unscanned } from '../types';
import type { Action, JustificationReason } from './policy';

export interface EvaluateInput {
  findings: LocatedFinding[];
  unscanned: Unscanned[];
  recipients: RecipientInput[];
  sender?: string;
  subject: string;
  headers?: Record<string, string>;
  sensitivityLabel?: string;
  /** The scan did not finish: the findings are partial. */
  scanFailed?: 'timeout' | 'error';
}

/** Why the verdict is what it is, as codes the message and audit layers turn into words. */
export type VerdictReason =
  | 'sensitive-data'
  | 'outside-recipients'
  | 'lookalike-domain'
  | 'unscanned-attachments'
  | 'distribution-list'
  | 'scan-timeout'
  | 'scan-error'
  | 'fail-closed'
  | 'marked-for-encryption';

export interface LocationSummary {
  subject: number;
  body: number;
  /** Per attachment (archive paths joined with ' > '), in order of first finding. */
  attachments: { name: string; count: number }[];
}

export type OutsideClass = Exclude<RecipientClass, 'internal'>;

export interface Verdict {
  action: Action;
  /** Ids of the rules whose conditions held (including ones encryption satisfied). */
  rules: string[];
  /** Counted findings (entities and confidence the policy counts) per entity. */
  counts: Partial<Record<EntityId, number>>;
  /** Total of `counts`. */
  total: number;
  locations: LocationSummary;
  /** Recipient domains outside the organization, by class, sorted, unique. */
  outsideDomains: Record<OutsideClass, string[]>;
  lookalikes: { domain: string; of: string }[];
  recipients: ClassifiedRecipient[];
  unscanned: Unscanned[];
  reasons: VerdictReason[];
  /** The rules asked for encryption (or allowed it instead of a block). */
  encryptionRequired: boolean;
  /** The message is marked for encryption and that satisfied what the rules asked. */
  encryptionSatisfied: boolean;
  /** The action if the employee marks the message for encryption ('allow' when that is enough). */
  actionIfEncrypted: Action;
  canJustify: boolean;
  justificationReasons: JustificationReason[];
  allowFreeText: boolean;
  /** Schema version and IT's revision of the policy that decided. */
  policyVersion: number;
  policyRevision: string;
  /** Sender-group overrides that applied. */
  overrides: string[];
  scanFailed?: 'timeout' | 'error';
}
