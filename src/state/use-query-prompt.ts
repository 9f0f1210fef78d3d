// The SQL prompt's side of the wizard: the statement running (with its start time, so the screen
// shows its elapsed time), its result or error, a cancel that stops it on the cluster too, and the
// statements run this session for ↑/↓.
import { useRef, useState } from 'react';
import type { Emit } from '../workflow/events.js';
import type { QueryResult, Workflow } from '../workflow/types.js';
import { remember } from './line-editor.js';
import type { ScreenWork } from './use-screen-work.js';
import type { ErrorView } from './view-state.js';
import { toErrorView } from './wizard.js';

export interface QueryView {
  running: boolean;
  sql?: string;
  /** Epoch ms the running query was sent, for its elapsed clock. */
  startedAt?: number;
  result?: QueryResult;
  error?: ErrorView;
}

export function useQueryPrompt(workflow: Workflow, track: ScreenWork['track'], emit: Emit) {
  const [query, setQuery] = useState<QueryView>({ running: false });
  const [history, setHistory] = useState<string[]>([]);
  const cancelling = useRef<AbortController | undefined>(undefined);

  const run = (sql: string) => {
    const startedAt = Date.now();
    const cancel = new AbortController();
    cancelling.current = cancel;
    setHistory((h) => remember(h, sql));
    setQuery({ running: true, sql, startedAt });
    // Aborted by esc (cancel) or by the wizard closing (track's signal): the Data API cancels the statement.
    track((signal) => workflow.query(sql, AbortSignal.any([signal, cancel.signal]))).then(
      (result) => {
        emit({ type: 'query.result', columns: result.columns, rows: result.rows });
        setQuery({ running: false, sql, result });
      },
      (err: unknown) =>
        setQuery({
          running: false,
          sql,
          error: cancel.signal.aborted ? { message: `Cancelled after ${Math.round((Date.now() - startedAt) / 1000)}s; the statement was cancelled on the cluster too.` } : toErrorView(err),
        }),
    );
  };

  return { query, history, run, cancel: () => cancelling.current?.abort() };
}
