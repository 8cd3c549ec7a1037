/**
 * Runs the REAL send handler: the built dist/launchevent.js, loaded with a <script> tag after the
 * mock Office global is in place, exactly as Outlook on the web loads it. The handler registers
 * itself through Office.actions.associate; Send fires the registered OnMessageSend function.
 */
import type { CompletedOptions } from '../outlook/mock/mock-mailbox';
import type { PlaygroundMailbox } from './playground-mailbox';

/** Outlook shows "taking longer than expected" after about 5 s; the playground gives up at 15 s. */
export const HANDLER_TIMEOUT_MS = 15000;

export type SendOutcome =
  | { kind: 'sent'; options: CompletedOptions | undefined }
  | { kind: 'alert'; options: CompletedOptions }
  | { kind: 'no-answer' };

let loads = 0;

/**
 * Loads launchevent.js; resolves with the action id that handles OnMessageSend. Loading it again
 * starts a fresh copy (Outlook starts a fresh runtime too), which forgets its in-memory policy:
 * the playground does that after the policy was edited.
 */
export function loadLaunchEvent(mailbox: PlaygroundMailbox, src: string): Promise<string> {
  (window as unknown as Record<string, unknown>).Office = mailbox.office;
  loads++;
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = loads === 1 ? src : `${src}?load=${loads}`;
    script.onload = () => {
      const ids = Array.from(mailbox.mock.associations.keys());
      const send = ids.find((id) => /messagesend/i.test(id)) ?? ids.find((id) => /send/i.test(id));
      if (send) resolve(send);
      else
        reject(new Error(`launchevent.js registered no send handler (found: ${ids.join(', ') || 'none'})`));
    };
    script.onerror = () => reject(new Error(`could not load ${src}`));
    document.head.appendChild(script);
  });
}

/** Presses Send: runs the handler and reads its verdict from event.completed(). */
export async function pressSend(mailbox: PlaygroundMailbox, actionId: string): Promise<SendOutcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), HANDLER_TIMEOUT_MS);
  });
  const result = await Promise.race([mailbox.mock.fire(actionId, 'OnMessageSend'), timeout]);
  clearTimeout(timer);
  if (result === 'timeout') return { kind: 'no-answer' };
  if (result && result.allowEvent === false) return { kind: 'alert', options: result };
  mailbox.markSent();
  return { kind: 'sent', options: result };
}
