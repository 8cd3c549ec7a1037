/**
 * What the task pane shows, as plain data. The pane's components render a PaneView and nothing
 * else; view-model.ts builds it from the core's verdict. Values never appear here, only masked
 * previews, counts, places and domains.
 */
import type { EntityId } from '../core/types';
import type { DraftRead } from './host';

export type PaneAction = 'allow' | 'warn' | 'justify' | 'encrypt' | 'block';
export type PaneRecipientClass = 'internal' | 'partner' | 'personal' | 'external' | 'lookalike';

export interface RecipientGroupView {
  domain: string;
  recipientClass: PaneRecipientClass;
  addresses: string[];
  /** For look-alikes: the organization or partner domain it imitates. */
  lookalikeOf?: string;
}

export interface FindingView {
  entity: EntityId;
  /** The entity's name in the pane's language. */
  label: string;
  count: number;
  /** Where: 'body', 'roster.xlsx › Roster!J2', 'report.pdf › page 3'. */
  places: string[];
  /** Masked previews, a few at most. */
  samples: string[];
}

export interface UnscannedView {
  name: string;
  reason: string;
}

export interface AvailableActions {
  encrypt: boolean;
  removeOutside: boolean;
  redact: boolean;
  justify: boolean;
  reportFalsePositive: boolean;
}

export interface PaneView {
  action: PaneAction;
  /** The verdict in words (the same sentence the Smart Alerts dialog shows). */
  message: string;
  recipientGroups: RecipientGroupView[];
  findings: FindingView[];
  unscanned: UnscannedView[];
  actions: AvailableActions;
  /** IT's list of justification reasons, in the pane's language. */
  justificationReasons: { id: string; text: string }[];
  /** The employee may type a reason of their own. */
  allowFreeText: boolean;
  /** Rule ids that fired, for the audit trail. */
  rules: string[];
}

/** Scan progress while attachments are read: done of total bytes, and the file in hand. */
export interface ScanProgress {
  done: number;
  total: number;
  current?: string;
}

/** Builds the view of a draft. The pane calls it on open and after every change. */
export interface PaneEngine {
  evaluate(draft: DraftRead, onProgress: (progress: ScanProgress) => void): Promise<PaneView>;
}
