import {
  Button,
  MessageBar,
  MessageBarBody,
  ProgressBar,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { TaskpaneHost } from '../host';
import type { PaneEngine, ScanProgress } from '../pane-view';
import { runPaneCommand } from '../run-command';
import { stringsFor, type PaneStrings } from '../strings';
import { useDraftView } from '../use-draft-view';
import { ActionPanel, type PaneCommand } from './action-panel';
import { FindingList, UnscannedList } from './finding-list';
import { RecipientGroups } from './recipient-groups';
import { VerdictSummary } from './verdict-summary';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: '12px',
    padding: '12px',
    minWidth: '0',
    maxWidth: '640px',
    boxSizing: 'border-box',
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
  },
  header: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '8px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  section: { display: 'flex', flexDirection: 'column', gap: '6px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

function progressLabel(progress: ScanProgress, strings: PaneStrings): string {
  return progress.current ? strings.scanningAttachment(progress.current) : strings.scanning;
}

function Section({ title, children, id }: { title: string; children: React.ReactNode; id: string }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The whole pane: verdict, who is outside, what was found, and the ways out. */
export function PaneApp({ host, engine }: { host: TaskpaneHost; engine: PaneEngine }) {
  const styles = useStyles();
  const strings = stringsFor(host.locale);
  const { view, progress, failed, openedFromSend, refresh } = useDraftView(host, engine);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; ok: boolean } | null>(null);

  const onCommand = async (command: PaneCommand) => {
    if (!view) return;
    setBusy(true);
    setStatus(null);
    try {
      setStatus({ text: await runPaneCommand(command, host, view, strings), ok: true });
    } catch {
      setStatus({ text: strings.failed, ok: false });
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return (
    <main className={styles.root} lang={host.locale} data-testid="taskpane">
      <div className={styles.header}>
        <h1 className={styles.title}>{strings.title}</h1>
        {/* Outlook raises no event when the body changes: the employee can ask for a new check. */}
        <Button
          size="small"
          appearance="subtle"
          onClick={refresh}
          disabled={progress !== null}
          data-testid="check-again"
        >
          {strings.retry}
        </Button>
      </div>
      <div role="status" aria-live="polite">
        {progress && (
          <ProgressBar
            aria-label={progressLabel(progress, strings)}
            value={progress.total > 0 ? progress.done / progress.total : undefined}
            data-testid="scan-progress"
          />
        )}
        {progress && <span>{progressLabel(progress, strings)}</span>}
        {status && (
          <MessageBar intent={status.ok ? 'success' : 'error'} data-testid="pane-status">
            <MessageBarBody>{status.text}</MessageBarBody>
          </MessageBar>
        )}
      </div>
      {failed && (
        <MessageBar intent="error">
          <MessageBarBody>
            {strings.failed} <Button onClick={refresh}>{strings.retry}</Button>
          </MessageBarBody>
        </MessageBar>
      )}
      {view && (
        <>
          {openedFromSend && view.action !== 'allow' && <p style={{ margin: 0 }}>{strings.heldAtSend}</p>}
          <VerdictSummary view={view} strings={strings} />
          <Section id="sw-recipients" title={strings.outsideRecipients}>
            <RecipientGroups groups={view.recipientGroups} strings={strings} />
          </Section>
          <Section id="sw-findings" title={strings.findings}>
            <FindingList findings={view.findings} strings={strings} />
          </Section>
          {view.unscanned.length > 0 && (
            <Section id="sw-unscanned" title={strings.unscanned}>
              <UnscannedList items={view.unscanned} strings={strings} />
            </Section>
          )}
          {view.action !== 'allow' && (
            <Section id="sw-actions" title={strings.actions}>
              <ActionPanel view={view} strings={strings} busy={busy} onCommand={onCommand} />
            </Section>
          )}
        </>
      )}
    </main>
  );
}
