// Explore: the analytics queries as bar charts (or tables), one at a time, sized to the terminal and
// scrolled with ↑/↓/PgUp/PgDn, and a prompt to run any SQL with the session's history on ↑/↓.
// A failing query shows Redshift's message and keeps what was typed; a running one can be cancelled.
import { Box, Text } from 'ink';
import { useState } from 'react';
import { asBarData, BarChart } from '../components/BarChart.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { formatClock } from '../components/format.js';
import { type KeyHint, phaseHints } from '../components/KeyHints.js';
import { PromptLine, useLineEditor } from '../components/PromptInput.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useKeys, usePhaseKeys } from '../components/use-keys.js';
import { scrollBy, visibleRows } from '../state/scroll.js';
import type { QueryView } from '../state/use-query-prompt.js';
import type { AnalyticsView } from '../state/view-state.js';
import type { WorkScreenProps } from './screen-props.js';

export type { QueryView } from '../state/use-query-prompt.js';

export interface ExploreScreenProps extends WorkScreenProps {
  query: QueryView;
  onQuery: (sql: string) => void;
  onCancelQuery?: () => void;
  /** Statements run at the prompt this session, oldest first. */
  history?: readonly string[];
}

export function ExploreScreen(props: ExploreScreenProps) {
  const { phase, progress, error, width, query, onQuery, now, history = [] } = props;
  const rows = props.rows ?? 24;
  const [mode, setMode] = useState<'browse' | 'prompt'>('browse');
  const [chart, setChart] = useState(0);
  const [offset, setOffset] = useState(0);
  const editor = useLineEditor(history);
  const charts = progress.analytics;
  const view = charts[Math.min(chart, charts.length - 1)];
  const browsing = phase === 'done' && mode === 'browse';
  const chartRows = visibleRows(rows, 'chart');
  const tableRows = visibleRows(rows, 'prompt');
  const scroll = (key: Parameters<typeof scrollBy>[1], total: number, page: number) => setOffset((o) => scrollBy(o, key, total, page));
  usePhaseKeys(phase, props, phase !== 'done');
  const interactive = useKeys((input, key) => {
    if (mode === 'prompt') {
      if (key.escape && query.running) props.onCancelQuery?.();
      else if (key.escape) setMode('browse');
      else if (key.pageUp || key.pageDown) scroll(key, query.result?.rows.length ?? 0, tableRows);
      else {
        // Enter waits while a query runs; the line is kept either way (a failed query is edited, not retyped).
        const sql = editor.handle(input, key)?.trim();
        if (sql && !query.running) {
          setOffset(0);
          onQuery(sql);
        }
      }
      return;
    }
    const turn = (step: number) => {
      setChart((c) => (c + step + charts.length) % charts.length);
      setOffset(0);
    };
    if (key.return) props.onNext();
    else if (input === 'q') props.onQuit();
    else if (input === '/' || input === 'i') {
      setMode('prompt');
      setOffset(0);
    } else if ((key.rightArrow || input === 'n' || key.tab) && charts.length > 0) turn(1);
    else if ((key.leftArrow || input === 'p') && charts.length > 0) turn(-1);
    else if (view && (key.upArrow || key.downArrow || key.pageUp || key.pageDown)) scroll(key, view.rows.length, chartRows);
  }, phase === 'done');

  const hints: KeyHint[] =
    phase !== 'done'
      ? phaseHints(phase, 'run analytics')
      : mode === 'prompt'
        ? query.running
          ? [{ key: 'esc', action: 'cancel the query' }]
          : [{ key: 'enter', action: 'run SQL' }, { key: '↑/↓', action: 'history' }, { key: 'esc', action: 'back to charts' }]
        : [{ key: '←/→', action: 'chart' }, { key: '/', action: 'SQL prompt' }, { key: 'enter', action: 'next: teardown' }, { key: 'q', action: 'quit' }];

  return (
    <ScreenFrame screen="explore" width={width} rows={rows} hints={hints}>
      {phase === 'confirm' ? <Text>Will run the analytics queries (songs, hours, locations, levels) on the loaded tables.</Text> : null}
      {phase === 'running' ? <Spinner label="Running the analytics queries…" /> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Analytics" message={error.message} hint={error.hint} /> : null}
      {browsing && view ? <Chart view={view} index={Math.min(chart, charts.length - 1)} total={charts.length} width={width} rows={chartRows} offset={offset} /> : null}
      {browsing && charts.length === 0 ? <Text dimColor>No analytics results. Press / to query the tables.</Text> : null}
      {phase === 'done' && mode === 'prompt' ? (
        <Box flexDirection="column">
          <Box>
            <Text bold>SQL› </Text>
            {/* Keys reach the line through this screen's handler, subscribed since the charts showed:
                an input mounted now would subscribe after its first frame and lose the first keys. */}
            {interactive ? <PromptLine line={editor.line} placeholder="SELECT … (enter runs it)" /> : null}
          </Box>
          {query.running ? <Spinner label={`Running… ${formatClock(query.startedAt !== undefined ? now - query.startedAt : undefined)} · esc cancels`} /> : null}
          {!query.running && query.error ? <ErrorBanner title="Redshift" message={query.error.message} hint={query.error.hint} /> : null}
          {!query.running && !query.error && query.result ? (
            <DataTable columns={query.result.columns} rows={query.result.rows} width={width} maxRows={tableRows} offset={offset} />
          ) : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function Chart({ view, index, total, width, rows, offset }: { view: AnalyticsView; index: number; total: number; width: number; rows: number; offset: number }) {
  const bars = asBarData(view.columns, view.rows);
  return (
    <Box flexDirection="column">
      <Text bold>
        {view.title} <Text dimColor>({index + 1}/{total}{bars ? ` · bars: ${bars.measure}` : ''})</Text>
      </Text>
      {bars ? <BarChart data={bars.bars} width={width} rows={rows} offset={offset} /> : <DataTable columns={view.columns} rows={view.rows} width={width} maxRows={rows} offset={offset} />}
    </Box>
  );
}
