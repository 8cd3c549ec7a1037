import {
  Button,
  MessageBar,
  MessageBarBody,
  Select,
  Field,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { AuditEvent } from '../../core/audit/audit-event';
import type { AuditSink } from '../../core/audit/audit-sink';
import type { Policy } from '../../core/policy/policy';
import type { CompletedOptions } from '../../outlook/mock/mock-mailbox';
import { PaneApp } from '../../taskpane/components/pane-app';
import { createOfficeHost } from '../../taskpane/office-host';
import { PaneSession } from '../../taskpane/pane-session';
import { pressSend } from '../launch-runner';
import type { PlaygroundMailbox } from '../playground-mailbox';
import { parsePolicyText, PLAYGROUND_POLICY_JSON } from '../policy-text';
import { SCENARIOS } from '../scenarios';
import { ComposeWindow } from './compose-window';
import { PolicyEditor } from './policy-editor';
import { SmartAlertDialog, type SendMode, type SmartAlertOptions } from './smart-alert-dialog';

const ADDIN_NAME = 'SendWarden';
const LANGUAGES = [
  ['en-US', 'English'],
  ['es-ES', 'Español'],
  ['fr-FR', 'Français'],
  ['de-DE', 'Deutsch'],
] as const;

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    fontFamily: tokens.fontFamilyBase,
    color: tokens.colorNeutralForeground1,
  },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: '12px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, fontWeight: tokens.fontWeightSemibold },
  scenarios: { display: 'flex', flexWrap: 'wrap', gap: '6px' },
  summary: { margin: 0, color: tokens.colorNeutralForeground2 },
  smallHeading: {
    margin: '0 0 4px',
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  auditList: { margin: 0, paddingLeft: '18px', fontSize: tokens.fontSizeBase200 },
  workspace: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 320px',
    gap: '12px',
    alignItems: 'start',
  },
  pane: {
    width: '320px',
    maxHeight: '85vh',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  settings: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) 320px',
    gap: '12px',
    alignItems: 'start',
  },
  side: { display: 'flex', flexDirection: 'column', gap: '12px' },
});

export interface PlaygroundAppProps {
  mailbox: PlaygroundMailbox;
  /** The OnMessageSend action id launchevent.js registered, or the reason it could not load. */
  handler: { actionId: string } | { error: string };
  /** Hands the send handler this policy (JSON text) before Send. */
  applyPolicy(text: string): Promise<void>;
  /** False when this build's handler has no policy URL and decides with its built-in policy. */
  handlerFollowsEditor(): boolean;
  /** The pane's scan worker script. */
  workerUrl: string;
  /** The scenario the mailbox was created with. */
  initialScenario: string;
  /** Where the pane's audit events go (the page lists them). */
  auditSink: AuditSink;
}

export function PlaygroundApp(props: PlaygroundAppProps) {
  const { mailbox, handler, applyPolicy, auditSink } = props;
  const styles = useStyles();
  useSyncExternalStore(mailbox.subscribe, mailbox.getVersion);
  const [policyText, setPolicyText] = useState(PLAYGROUND_POLICY_JSON);
  const [validPolicyText, setValidPolicyText] = useState(PLAYGROUND_POLICY_JSON);
  const [policy, setPolicy] = useState<Policy>(() => {
    const parsed = parsePolicyText(PLAYGROUND_POLICY_JSON);
    if (!parsed.ok) throw new Error(`the playground policy is invalid: ${parsed.problems.join('; ')}`);
    return parsed.policy;
  });
  const [locale, setLocale] = useState('en-US');
  const [sendMode, setSendMode] = useState<SendMode>('SoftBlock');
  const [alert, setAlert] = useState<SmartAlertOptions | null>(null);
  const [sending, setSending] = useState(false);
  const [notice, setNotice] = useState('');
  const [scenarioId, setScenarioId] = useState(props.initialScenario);
  const [audit, setAudit] = useState<AuditEvent[]>([]);
  useEffect(() => {
    const onAudit = (event: Event) =>
      setAudit((list) => [...list, (event as CustomEvent<AuditEvent>).detail]);
    window.addEventListener('sendwarden-audit', onAudit);
    return () => window.removeEventListener('sendwarden-audit', onAudit);
  }, []);

  const policyRef = useRef(policy);
  policyRef.current = policy;
  const { host, session } = useMemo(() => {
    (mailbox.office.context as { displayLanguage: string }).displayLanguage = locale;
    const paneSession = new PaneSession({
      policy: () => policyRef.current,
      locale,
      audit: () => auditSink,
      client: 'playground',
      workerUrl: props.workerUrl,
    });
    const officeHost = createOfficeHost(mailbox.office as unknown as typeof Office, paneSession.hostOptions);
    return { host: officeHost, session: paneSession };
  }, [mailbox, locale, auditSink]);
  // A new engine object per policy: the pane re-evaluates the draft when the policy changes.
  const engine = useMemo(() => ({ evaluate: session.engine.evaluate }), [session, policy]);
  useEffect(() => () => session.dispose(), [session]);

  const send = async () => {
    if ('error' in handler) return;
    setSending(true);
    setNotice('');
    await applyPolicy(validPolicyText);
    const outcome = await pressSend(mailbox, handler.actionId);
    setSending(false);
    if (outcome.kind === 'alert') setAlert(outcome.options as SmartAlertOptions & CompletedOptions);
    if (outcome.kind === 'no-answer')
      setNotice('The add-in did not answer: Outlook would apply the manifest send mode.');
    else if (!props.handlerFollowsEditor()) {
      setNotice(
        'This build of launchevent.js has no policy URL, so the send handler used its built-in policy, not the editor’s. ' +
          '`npm start` builds it with one.',
      );
    }
  };

  const loadScenario = (id: string) => {
    const scenario = SCENARIOS.find((s) => s.id === id);
    if (!scenario) return;
    setScenarioId(id);
    setAlert(null);
    setNotice('');
    mailbox.load(scenario.draft());
  };

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>SendWarden playground</h1>
        <span>The real add-in, running against a mock Outlook. Nothing leaves this page.</span>
      </header>
      <nav aria-label="Sample scenarios" className={styles.scenarios}>
        {SCENARIOS.map((s) => (
          <Button
            key={s.id}
            onClick={() => loadScenario(s.id)}
            aria-pressed={scenarioId === s.id}
            appearance={scenarioId === s.id ? 'primary' : 'secondary'}
            data-testid={`scenario-${s.id}`}
          >
            {s.title}
          </Button>
        ))}
      </nav>
      <p className={styles.summary} data-testid="scenario-summary">
        {SCENARIOS.find((s) => s.id === scenarioId)?.summary}
      </p>
      {'error' in handler && (
        <MessageBar intent="error">
          <MessageBarBody>
            The send handler could not be loaded: {handler.error}. Run `npm run build` first.
          </MessageBarBody>
        </MessageBar>
      )}
      {notice && (
        <MessageBar intent="warning">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.workspace}>
        <ComposeWindow
          draft={mailbox.draft}
          sent={mailbox.mock.sent}
          sending={sending}
          onChange={(patch) => mailbox.update(patch)}
          onSend={() => void send()}
        />
        <aside className={styles.pane} aria-label="SendWarden task pane" data-testid="pane-frame">
          <PaneApp key={`${locale}:${scenarioId}`} host={host} engine={engine} />
        </aside>
      </div>
      <div className={styles.settings}>
        <PolicyEditor
          text={policyText}
          onChange={(text, parsed) => {
            setPolicyText(text);
            if (parsed.ok) {
              setPolicy(parsed.policy);
              setValidPolicyText(text);
            }
          }}
        />
        <div className={styles.side}>
          <Field label="Outlook language">
            <Select value={locale} onChange={(_, d) => setLocale(d.value)} data-testid="locale">
              {LANGUAGES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <section aria-labelledby="audit-title">
            <h2 id="audit-title" className={styles.smallHeading}>
              Audit trail (the pane&apos;s decisions)
            </h2>
            {audit.length === 0 ? (
              <p className={styles.summary}>No events yet.</p>
            ) : (
              <ul className={styles.auditList} data-testid="audit-trail">
                {audit.map((e, i) => (
                  <li key={i}>
                    {e.decision}: {e.action} ({e.rules.join(', ') || 'no rule'}), {e.total} finding
                    {e.total === 1 ? '' : 's'}
                  </li>
                ))}
              </ul>
            )}
          </section>
          <Field label="Manifest send mode">
            <Select
              value={sendMode}
              onChange={(_, d) => setSendMode(d.value as SendMode)}
              data-testid="send-mode"
            >
              <option value="SoftBlock">SoftBlock (default)</option>
              <option value="Block">Block</option>
              <option value="PromptUser">PromptUser</option>
            </Select>
          </Field>
        </div>
      </div>
      <SmartAlertDialog
        addinName={ADDIN_NAME}
        options={alert}
        sendMode={sendMode}
        onDontSend={() => setAlert(null)}
        onSendAnyway={() => {
          setAlert(null);
          mailbox.markSent();
        }}
        onTakeAction={() => {
          setAlert(null);
          mailbox.openPaneWithContext(alert?.contextData);
        }}
      />
    </div>
  );
}
