// Explore: the analytics queries as small bar charts (or tables), one at a time, and a prompt to
// run any SQL. A failing query shows Redshift's message and keeps what was typed.
import { TextInput } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { useState } from 'react';
import { asBarData, BarChart } from '../components/BarChart.js';
import { DataTable } from '../components/DataTable.js';
import { ErrorBanner } from '../components/ErrorBanner.js';
import { type KeyHint, phaseHints } from '../components/KeyHints.js';
import { ScreenFrame } from '../components/ScreenFrame.js';
import { Spinner } from '../components/Spinner.js';
import { useKeys, usePhaseKeys } from '../components/use-keys.js';
import type { AnalyticsView, ErrorView } from '../state/view-state.js';
import type { QueryResult } from '../workflow/types.js';
import type { WorkScreenProps } from './screen-props.js';

export interface QueryView {
  running: boolean;
  sql?: string;
  result?: QueryResult;
  error?: ErrorView;
}

export interface ExploreScreenProps extends WorkScreenProps {
  query: QueryView;
  onQuery: (sql: string) => void;
}

export function ExploreScreen(props: ExploreScreenProps) {
  const { phase, progress, error, width, query, onQuery } = props;
  const [mode, setMode] = useState<'browse' | 'prompt'>('browse');
  const [chart, setChart] = useState(0);
  const charts = progress.analytics;
  const browsing = phase === 'done' && mode === 'browse';
  usePhaseKeys(phase, props, phase !== 'done');
  const interactive = useKeys((input, key) => {
    if (mode === 'prompt') {
      if (key.escape) setMode('browse');
      return;
    }
    if (key.return) props.onNext();
    else if (input === 'q') props.onQuit();
    else if (input === '/' || input === 'i') setMode('prompt');
    else if ((key.rightArrow || input === 'n' || key.tab) && charts.length > 0) setChart((c) => (c + 1) % charts.length);
    else if ((key.leftArrow || input === 'p') && charts.length > 0) setChart((c) => (c - 1 + charts.length) % charts.length);
  }, phase === 'done');

  const hints: KeyHint[] =
    phase !== 'done'
      ? phaseHints(phase, 'run analytics')
      : mode === 'prompt'
        ? [{ key: 'enter', action: 'run SQL' }, { key: 'esc', action: 'back to charts' }]
        : [{ key: '←/→', action: 'chart' }, { key: '/', action: 'SQL prompt' }, { key: 'enter', action: 'next: teardown' }, { key: 'q', action: 'quit' }];

  return (
    <ScreenFrame screen="explore" width={width} hints={hints}>
      {phase === 'confirm' ? <Text>Will run the analytics queries (songs, hours, locations, levels) on the loaded tables.</Text> : null}
      {phase === 'running' ? <Spinner label="Running the analytics queries…" /> : null}
      {phase === 'failed' && error ? <ErrorBanner title="Analytics" message={error.message} hint={error.hint} /> : null}
      {browsing && charts.length > 0 ? <Chart view={charts[Math.min(chart, charts.length - 1)]} index={chart} total={charts.length} width={width} /> : null}
      {browsing && charts.length === 0 ? <Text dimColor>No analytics results. Press / to query the tables.</Text> : null}
      {phase === 'done' && mode === 'prompt' ? (
        <Box flexDirection="column">
          <Box>
            <Text bold>SQL› </Text>
            {/* Never disabled while a query runs: Ink subscribes a re-enabled input to stdin in an effect
                after the frame is drawn, so keys typed at that moment were lost. Enter waits instead. */}
            {interactive ? <TextInput placeholder="SELECT … (enter runs it)" onSubmit={(sql) => !query.running && sql.trim() && onQuery(sql.trim())} /> : null}
          </Box>
          {query.running ? <Spinner label="Running…" /> : null}
          {!query.running && query.error ? <ErrorBanner title="Redshift" message={query.error.message} hint={query.error.hint} /> : null}
          {!query.running && !query.error && query.result ? (
            <DataTable columns={query.result.columns} rows={query.result.rows} width={width} maxRows={10} />
          ) : null}
        </Box>
      ) : null}
    </ScreenFrame>
  );
}

function Chart({ view, index, total, width }: { view: AnalyticsView; index: number; total: number; width: number }) {
  const bars = asBarData(view.columns, view.rows);
  return (
    <Box flexDirection="column">
      <Text bold>
        {view.title} <Text dimColor>({index + 1}/{total})</Text>
      </Text>
      {bars ? <BarChart data={bars} width={width} maxRows={12} /> : <DataTable columns={view.columns} rows={view.rows} width={width} maxRows={10} />}
    </Box>
  );
}
