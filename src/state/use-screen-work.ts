// The one piece of work a wizard screen runs at a time: running → done | failed, unless the operator
// left meanwhile (Ctrl-C, quit), in which case the work is aborted and its outcome dropped.
import { useCallback, useRef, type Dispatch } from 'react';
import { toErrorView, type WizardAction } from './wizard.js';

export interface ScreenWork {
  run: (work: (signal: AbortSignal) => Promise<void>, onSuccess?: () => void) => Promise<void>;
  /** Aborts what runs and ignores what follows; false when already closed. */
  close: () => boolean;
}

export function useScreenWork(dispatch: Dispatch<WizardAction>, flush: () => void): ScreenWork {
  const running = useRef<AbortController | undefined>(undefined);
  const closed = useRef(false);

  const run = useCallback(
    async (work: (signal: AbortSignal) => Promise<void>, onSuccess: () => void = () => dispatch({ type: 'succeed' })) => {
      const controller = new AbortController();
      running.current = controller;
      dispatch({ type: 'start', at: Date.now() });
      try {
        await work(controller.signal);
        if (controller.signal.aborted || closed.current) return;
        flush();
        onSuccess();
      } catch (err) {
        if (controller.signal.aborted || closed.current) return;
        flush();
        dispatch({ type: 'fail', error: toErrorView(err) });
      } finally {
        if (running.current === controller) running.current = undefined;
      }
    },
    [dispatch, flush],
  );

  const close = useCallback(() => {
    if (closed.current) return false;
    closed.current = true;
    running.current?.abort();
    return true;
  }, []);

  return { run, close };
}
