/**
 * The playground page: installs the mock Outlook as the global Office, loads the REAL built
 * send handler (../launchevent.js) into it, and renders the compose window with the pane beside it.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { AuditEvent } from '../core/audit/audit-event';
import { PlaygroundApp } from './components/playground-app';
import { loadLaunchEvent } from './launch-runner';
import { PlaygroundMailbox } from './playground-mailbox';
import { installPolicyServer } from './policy-server';
import { PLAYGROUND_POLICY_JSON } from './policy-text';
import { SCENARIOS } from './scenarios';

/** The built send handler, next to the playground folder. */
const LAUNCHEVENT_SRC = '../launchevent.js';

/** Audit events stay in the page: the playground lists them, nothing is posted anywhere. */
const auditEvents: AuditEvent[] = [];
const auditSink = {
  send: (event: AuditEvent) => {
    auditEvents.push(event);
    window.dispatchEvent(new CustomEvent('sendwarden-audit', { detail: event }));
  },
  flush: () => Promise.resolve(),
};

async function start(): Promise<void> {
  const first = SCENARIOS[0];
  if (!first) throw new Error('no scenarios');
  const mailbox = new PlaygroundMailbox(first.draft());
  const policyServer = installPolicyServer(PLAYGROUND_POLICY_JSON);
  const handler = await loadLaunchEvent(mailbox, LAUNCHEVENT_SRC).then(
    (actionId) => ({ actionId }),
    (error: Error) => ({ error: error.message }),
  );
  let handlerPolicyText = PLAYGROUND_POLICY_JSON;
  const applyPolicy = async (text: string) => {
    policyServer.setPolicyText(text);
    if (text === handlerPolicyText) return;
    // A fresh copy of the handler forgets the policy it cached and fetches the new one.
    handlerPolicyText = text;
    await loadLaunchEvent(mailbox, LAUNCHEVENT_SRC).catch(() => undefined);
  };
  // For the end-to-end tests and the curious: the mock mailbox and the audit trail.
  Object.assign(window, { sendwardenPlayground: { mailbox, auditEvents } });
  const root = document.getElementById('root');
  if (!root) throw new Error('playground.html has no #root');
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <PlaygroundApp
        mailbox={mailbox}
        initialScenario={first.id}
        workerUrl={new URL('../scan-worker.js', window.location.href).href}
        handler={handler}
        auditSink={auditSink}
        applyPolicy={applyPolicy}
        handlerFollowsEditor={() => policyServer.requests > 0}
      />
    </FluentProvider>,
  );
}

void start();
