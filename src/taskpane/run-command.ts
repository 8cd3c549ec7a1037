/**
 * What each button in the pane does, against the host adapter only. Returns the sentence the
 * pane announces when it worked; throws when an Office call failed (the pane says so).
 */
import type { PaneCommand } from './components/action-panel';
import type { TaskpaneHost } from './host';
import type { PaneView } from './pane-view';
import { redactHtml, redactText } from './redact';
import type { PaneStrings } from './strings';

/** Every recipient outside the organization, partners included: the button says "outside". */
export function outsideAddresses(view: PaneView): string[] {
  return view.recipientGroups.filter((g) => g.recipientClass !== 'internal').flatMap((g) => g.addresses);
}

async function redactBody(host: TaskpaneHost, view: PaneView): Promise<number> {
  const { body, type } = await host.readBody();
  const entities = new Set(view.findings.map((f) => f.entity));
  const redaction = type === 'html' ? redactHtml(body, { entities }) : redactText(body, { entities });
  if (redaction.masked > 0) await host.setBody(redaction.text, type);
  return redaction.masked;
}

export async function runPaneCommand(
  command: PaneCommand,
  host: TaskpaneHost,
  view: PaneView,
  strings: PaneStrings,
): Promise<string> {
  switch (command.kind) {
    case 'encrypt': {
      await host.applyEncryption();
      await host.recordDecision({ kind: 'encrypted' });
      const sent = await host.send();
      return sent === 'sent' ? strings.done.encryptedSent : strings.done.encryptedPressSend;
    }
    case 'remove-outside': {
      const addresses = outsideAddresses(view);
      await host.removeRecipients(addresses);
      await host.recordDecision({ kind: 'removed-recipients' });
      return strings.done.removed(addresses.length);
    }
    case 'redact': {
      const masked = await redactBody(host, view);
      if (masked > 0) await host.recordDecision({ kind: 'redacted' });
      return strings.done.redacted(masked);
    }
    case 'justify': {
      await host.recordDecision({
        kind: 'justified',
        reason: command.reason || undefined,
        note: command.note,
      });
      const sent = await host.send();
      return sent === 'sent' ? strings.done.justifiedSent : strings.done.justifiedPressSend;
    }
    case 'report-false-positive': {
      await host.recordDecision({ kind: 'false-positive' });
      return strings.done.reported;
    }
  }
}
