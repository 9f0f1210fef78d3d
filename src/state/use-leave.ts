// Leaving the wizard (q, Ctrl-C, the last screen): abort what runs, take a fresh look at what exists
// (another process may have created or deleted things meanwhile), bounded so a dead network cannot
// keep the operator waiting, with what this session saw as the fallback; then hand the summary on
// once its frame has been committed, so it is the last thing on screen.
import { useCallback, useEffect, useState, type MutableRefObject } from 'react';
import type { Workflow } from '../workflow/types.js';
import { exitSummary, freshLook, type ExitSummary, type LeftoverInputs } from './exit-summary.js';

export function useLeave({ workflow, close, report, onFinish, lookTimeoutMs }: {
  workflow: Workflow;
  /** Aborts the running work; false when the wizard is already closing. */
  close: () => boolean;
  report: MutableRefObject<() => LeftoverInputs>;
  onFinish: (summary: ExitSummary) => void;
  lookTimeoutMs: number;
}) {
  const [leaving, setLeaving] = useState(false);
  const [summary, setSummary] = useState<ExitSummary>();
  const leave = useCallback(
    (reason: ExitSummary['reason']) => {
      if (!close()) return;
      setLeaving(true);
      void freshLook(() => workflow.teardownPlan(), lookTimeoutMs).then((fresh) => setSummary(exitSummary(reason, { ...report.current(), fresh })));
    },
    [close, report, workflow, lookTimeoutMs],
  );
  useEffect(() => {
    if (summary) onFinish(summary);
  }, [summary, onFinish]);
  return { leave, leaving, summary };
}
