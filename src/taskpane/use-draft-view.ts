/**
 * Keeps the pane's view in step with the draft: evaluates on open, again (debounced) whenever
 * recipients, attachments or the item change, and when the Smart Alerts button opens or refocuses
 * the pane. Only the newest evaluation may update the screen; older ones are dropped.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskpaneHost } from './host';
import type { PaneEngine, PaneView, ScanProgress } from './pane-view';

/** Recipient edits arrive in bursts (one event per address); wait for the burst to end. */
export const CHANGE_DEBOUNCE_MS = 250;

export interface DraftViewState {
  view: PaneView | null;
  /** Non-null while an evaluation runs. */
  progress: ScanProgress | null;
  failed: boolean;
  /** The pane was opened by the Smart Alerts button (it received contextData). */
  openedFromSend: boolean;
  refresh(): void;
}

export function useDraftView(host: TaskpaneHost, engine: PaneEngine): DraftViewState {
  const [view, setView] = useState<PaneView | null>(null);
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [failed, setFailed] = useState(false);
  const [openedFromSend, setOpenedFromSend] = useState(false);
  const generation = useRef(0);

  const evaluateNow = useCallback(async () => {
    const run = ++generation.current;
    const isCurrent = () => run === generation.current;
    setProgress({ done: 0, total: 0 });
    try {
      const draft = await host.readDraft();
      const next = await engine.evaluate(draft, (p) => isCurrent() && setProgress(p));
      if (isCurrent()) {
        setView(next);
        setFailed(false);
      }
    } catch {
      if (isCurrent()) setFailed(true);
    } finally {
      if (isCurrent()) setProgress(null);
    }
  }, [host, engine]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    void evaluateNow();
    const unsubscribe = host.onDraftChanged(() => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void evaluateNow(), CHANGE_DEBOUNCE_MS);
    });
    return () => {
      if (timer !== undefined) clearTimeout(timer);
      unsubscribe();
    };
  }, [host, evaluateNow]);

  useEffect(() => {
    const fromSend = (data: string) => {
      if (!data) return;
      setOpenedFromSend(true);
      void evaluateNow();
    };
    host.getInitializationContext().then(fromSend, () => undefined);
    return host.onInitializationContext(fromSend);
  }, [host, evaluateNow]);

  return { view, progress, failed, openedFromSend, refresh: () => void evaluateNow() };
}
