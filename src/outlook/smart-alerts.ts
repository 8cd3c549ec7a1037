/**
 * Turns a verdict into the options of event.completed(), feature-detected per client:
 * Mailbox 1.12 has allowEvent and errorMessage; 1.14 adds cancelLabel, commandId, contextData and
 * sendModeOverride; 1.15 adds errorMessageMarkdown. The mapping:
 *   allow   -> allowEvent true
 *   warn    -> held, with "Send Anyway" (sendModeOverride promptUser) where 1.14 has it
 *   justify -> held, the button opens the task pane with the verdict (contextData) to give a reason
 *   encrypt -> held, the button opens the task pane to mark the message for encryption
 *   block   -> held; the button opens the task pane to see what to remove
 */
import type { VerdictMessage } from '../core/messages/render-verdict-message';
import { languageOf } from '../core/messages/message-texts';
import type { Verdict } from '../core/policy/verdict';
import type { ClientSupport } from './requirements';

/** The compose task pane button (manifest Control id / unified controls[].id) the dialog opens. */
export const TASKPANE_COMMAND_ID = 'msgComposeOpenPaneButton';
/** Smart Alerts limits. */
export const ERROR_MESSAGE_LIMIT = 500;
export const CANCEL_LABEL_LIMIT = 20;
/** Legacy ItemSend notification bar limit. */
export const NOTIFICATION_LIMIT = 150;
export const CONTEXT_VERSION = 1;

export type CompletedOptions = Record<string, unknown>;

/**
 * What the task pane receives through getInitializationContextAsync (JSON): the verdict without
 * recipient addresses. It stays on the device; it holds counts, domains and file names, no values.
 */
export interface TaskPaneContext {
  source: 'sendwarden';
  version: number;
  verdict: Omit<Verdict, 'recipients'>;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function taskPaneContext(verdict: Verdict): TaskPaneContext {
  const { recipients: _recipients, ...rest } = verdict;
  return { source: 'sendwarden', version: CONTEXT_VERSION, verdict: rest };
}

/** Parses contextData back (the task pane side); undefined for anything that is not ours. */
export function parseTaskPaneContext(data: unknown): TaskPaneContext | undefined {
  let value: unknown = data;
  if (typeof data === 'string') {
    if (data === '') return undefined;
    try {
      value = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const context = value as TaskPaneContext | null;
  return context && context.source === 'sendwarden' && context.verdict ? context : undefined;
}

export function completionFor(
  verdict: Verdict,
  message: VerdictMessage,
  support: ClientSupport,
): CompletedOptions {
  if (verdict.action === 'allow') return { allowEvent: true };
  const options: CompletedOptions = {
    allowEvent: false,
    errorMessage: cut(message.text, ERROR_MESSAGE_LIMIT),
  };
  if (support.markdown) options.errorMessageMarkdown = cut(message.markdown, ERROR_MESSAGE_LIMIT);
  if (support.dialogButtons) {
    options.cancelLabel = cut(message.buttonLabel, CANCEL_LABEL_LIMIT);
    options.commandId = TASKPANE_COMMAND_ID;
    // A string: Windows builds before 2402 only accept strings here.
    options.contextData = JSON.stringify(taskPaneContext(verdict));
    if (verdict.action === 'warn') options.sendModeOverride = 'promptUser';
  }
  return options;
}

const COULD_NOT_CHECK: Record<string, string> = {
  en: 'SendWarden could not check this message in time. Press Send again; if this keeps happening, contact your IT help desk.',
  es: 'SendWarden no pudo revisar este mensaje a tiempo. Vuelva a pulsar Enviar; si se repite, contacte con el soporte de TI.',
  fr: "SendWarden n'a pas pu vérifier ce message à temps. Cliquez à nouveau sur Envoyer ; si cela se répète, contactez le support informatique.",
  de: 'SendWarden konnte diese Nachricht nicht rechtzeitig prüfen. Klicken Sie erneut auf Senden; falls das wiederholt passiert, wenden Sie sich an den IT-Support.',
};

const WARNED_AGAIN: Record<string, string> = {
  en: 'Press Send again to send it as it is.',
  es: 'Pulse Enviar de nuevo para enviarlo tal cual.',
  fr: 'Cliquez à nouveau sur Envoyer pour l’envoyer tel quel.',
  de: 'Klicken Sie erneut auf Senden, um sie so zu senden.',
};

/** When no verdict could be reached: fail open sends, fail closed holds with a plain explanation. */
export function couldNotCheckCompletion(
  failMode: 'open' | 'closed',
  locale: string | undefined,
): CompletedOptions {
  if (failMode === 'open') return { allowEvent: true };
  const text = COULD_NOT_CHECK[languageOf(locale)] || (COULD_NOT_CHECK.en as string);
  return { allowEvent: false, errorMessage: text };
}

/** For a warn on clients without sendModeOverride: the second Send of the same content passes. */
export function warnAgainSuffix(locale: string | undefined): string {
  return WARNED_AGAIN[languageOf(locale)] || (WARNED_AGAIN.en as string);
}

/** The legacy ItemSend notification text (150 characters at most). */
export function notificationText(message: VerdictMessage): string {
  return cut(message.text, NOTIFICATION_LIMIT);
}
