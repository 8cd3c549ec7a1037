/**
 * The employee's decision about this draft, kept ON the item: item.sessionData (Mailbox 1.11, shared
 * by the task pane and the event runtime for the compose session) or, on older clients, the item's
 * custom properties. It holds the message fingerprint, never the content.
 */
import { officeCall } from './office-async';
import type { ComposeItem } from './read-item';

export const DECISION_KEY = 'sendwarden.decision';
/** Free-text justifications are cut to this; they go to the audit log, so keep them short. */
export const MAX_JUSTIFICATION_CHARS = 500;

export interface StoredDecision {
  /** 'justified': sent with a reason; 'warned': the employee saw a warning and pressed Send again. */
  kind: 'justified' | 'warned';
  fingerprint: string;
  reasonId?: string;
  freeText?: string;
  /** Epoch ms. */
  at: number;
}

function parseDecision(text: unknown): StoredDecision | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  try {
    const value = JSON.parse(text) as StoredDecision;
    if ((value.kind === 'justified' || value.kind === 'warned') && typeof value.fingerprint === 'string')
      return value;
  } catch {
    // A damaged entry counts as no decision: the employee is asked again.
  }
  return undefined;
}

interface CustomProps {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  saveAsync(callback: (result: Office.AsyncResult<void>) => void): void;
}

function loadCustomProperties(item: ComposeItem): Promise<CustomProps> {
  return officeCall<CustomProps>('loadCustomPropertiesAsync', (cb) =>
    item.loadCustomPropertiesAsync(cb as unknown as (r: Office.AsyncResult<Office.CustomProperties>) => void),
  );
}

/** The stored decision, or undefined (none, unreadable, or storage unavailable). */
export function readDecision(
  item: ComposeItem,
  useSessionData: boolean,
): Promise<StoredDecision | undefined> {
  const read =
    useSessionData && item.sessionData
      ? officeCall<string>('sessionData.getAsync', (cb) =>
          item.sessionData.getAsync(DECISION_KEY, cb as (r: Office.AsyncResult<string>) => void),
        )
      : loadCustomProperties(item).then((props) => props.get(DECISION_KEY));
  return read.then(parseDecision, () => undefined);
}

export function writeDecision(
  item: ComposeItem,
  decision: StoredDecision,
  useSessionData: boolean,
): Promise<void> {
  const text = JSON.stringify(decision);
  if (useSessionData && item.sessionData) {
    return officeCall<void>('sessionData.setAsync', (cb) =>
      item.sessionData.setAsync(DECISION_KEY, text, cb as (r: Office.AsyncResult<void>) => void),
    );
  }
  return loadCustomProperties(item).then((props) => {
    props.set(DECISION_KEY, text);
    return officeCall<void>('customProperties.saveAsync', (cb) =>
      props.saveAsync(cb as (r: Office.AsyncResult<void>) => void),
    );
  });
}

/** Does the stored decision settle this verdict action for this exact content? Block never is. */
export function decisionSettles(
  decision: StoredDecision | undefined,
  fingerprint: string,
  action: string,
  canJustify: boolean,
): boolean {
  if (!decision || decision.fingerprint !== fingerprint) return false;
  if (action === 'warn') return true;
  if (decision.kind !== 'justified') return false;
  return (action === 'justify' || action === 'encrypt') && canJustify;
}
