/**
 * The task pane in Outlook: Office.js from Microsoft's CDN, the policy the send handler uses, and
 * the pane over the Office adapter. Everything else is the same code the playground runs.
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createRoot } from 'react-dom/client';
import type { Policy } from '../core/policy/policy';
import { auditSinkFor, clientInfo } from '../outlook/audit';
import { loadConfiguredPolicy } from '../outlook/policy-source';
import { displayLanguage } from '../outlook/requirements';
import { PaneApp } from './components/pane-app';
import { createOfficeHost } from './office-host';
import { PaneSession } from './pane-session';

/** Opened in a plain browser (no Outlook around it): say where to go instead of failing. */
function renderOutsideOutlook(root: HTMLElement): void {
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <main style={{ padding: 12 }}>
        <h1 style={{ fontSize: 20 }}>SendWarden</h1>
        <p>
          This is the task pane of the SendWarden Outlook add-in; it runs inside Outlook. To try it without
          Outlook, open the <a href="playground/">playground</a>.
        </p>
      </main>
    </FluentProvider>,
  );
}

async function start(): Promise<void> {
  const root = document.getElementById('root');
  if (!root) throw new Error('taskpane.html has no #root');
  if (!Office.context || !Office.context.mailbox) {
    renderOutsideOutlook(root);
    return;
  }
  // The same source as the send handler: IT's hosted policy, its cached copy, or the built-in one.
  const policy: Policy = (await loadConfiguredPolicy()).policy;
  const locale = displayLanguage();
  const session = new PaneSession({
    policy: () => policy,
    locale,
    audit: auditSinkFor,
    client: clientInfo().host,
    workerUrl: new URL('scan-worker.js', window.location.href).href,
  });
  const host = createOfficeHost(Office, session.hostOptions);
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <PaneApp host={host} engine={session.engine} />
    </FluentProvider>,
  );
}

Office.onReady(() => {
  void start();
});
