// The one piece of work a wizard screen runs at a time: running → done | failed, unless the operator
// left meanwhile (Ctrl-C, quit, a render crash unmounting the wizard), in which case the work is
// aborted and its outcome dropped. Side work (a query typed at the SQL prompt) is aborted with it.
import { setMaxListeners } from 'node:events';
import { useCallback, useEffect, useRef, type Dispatch } from 'react';
import { MAX_CONCURRENT_WAITS } from '../workflow/events.js';
import { toErrorView, type WizardAction } from './wizard.js';

export interface ScreenWork {
  run: (work: (signal: AbortSignal) => Promise<void>, onSuccess?: () => void) => Promise<void>;
  /** Runs work beside the screen's own (it does not change the screen's phase) until it ends or the wizard closes. */
  track: <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;
  /** Aborts what runs and ignores what follows; false when already closed. */
  close: () => boolean;
}

export function useScreenWork(dispatch: Dispatch<WizardAction>, flush: () => void): ScreenWork {
  const running = useRef<AbortController | undefined>(undefined);
  const side = useRef(new Set<AbortController>());
  const closed = useRef(false);

  const run = useCallback(
    async (work: (signal: AbortSignal) => Promise<void>, onSuccess: () => void = () => dispatch({ type: 'succeed', at: Date.now() })) => {
      const controller = new AbortController();
      setMaxListeners(MAX_CONCURRENT_WAITS, controller.signal); // see src/cli/main.tsx
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
        dispatch({ type: 'fail', error: toErrorView(err), at: Date.now() });
      } finally {
        if (running.current === controller) running.current = undefined;
      }
    },
    [dispatch, flush],
  );

  const track = useCallback(<T,>(work: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    side.current.add(controller);
    return work(controller.signal).finally(() => side.current.delete(controller));
  }, []);

  const close = useCallback(() => {
    if (closed.current) return false;
    closed.current = true;
    running.current?.abort();
    for (const controller of side.current) controller.abort();
    return true;
  }, []);

  useEffect(() => () => void close(), [close]);

  return { run, track, close };
}
