// Feeds workflow events into the progress reducer at most once per interval. COPY polls and
// cluster monitors can emit many events a second; batching them keeps redraws at ≤ 10/s and
// flicker-free while the reducer still sees every event in order.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Emit, ProgressEvent } from '../workflow/events.js';
import { progressReducer } from './progress-reducer.js';
import { initialProgressState, type ProgressState } from './view-state.js';

export function useThrottledProgress(intervalMs = 100): { progress: ProgressState; emit: Emit; flush: () => void } {
  const [progress, setProgress] = useState(initialProgressState);
  const queue = useRef<ProgressEvent[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastFlush = useRef(0);

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = undefined;
    lastFlush.current = Date.now();
    const events = queue.current;
    if (events.length === 0) return;
    queue.current = [];
    setProgress((state) => events.reduce(progressReducer, state));
  }, []);

  const emit = useCallback<Emit>(
    (event) => {
      queue.current.push(event);
      if (timer.current) return;
      const wait = Math.max(0, intervalMs - (Date.now() - lastFlush.current));
      timer.current = setTimeout(flush, wait);
    },
    [flush, intervalMs],
  );

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  return { progress, emit, flush };
}
