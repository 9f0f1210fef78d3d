// Append-only lines for logs, pipes and CI: no raw mode, no redraws, colour only on a terminal.
// Progress and diagnostics go to stderr; results (counts, checks, query rows) to stdout.
import type { Emit, ProgressEvent } from '../../workflow/events.js';
import type { CommandResultObject } from './json-renderer.js';
import { paint, type Paint } from './colour.js';
import { REPORT_ONLY } from '../../workflow/etl.js';
import { formatBytes, formatCount, formatDuration, formatTable } from './format.js';
import { redactText } from '../../services/redact.js';

export interface PlainStreams {
  out: (text: string) => void;
  err: (text: string) => void;
  now?: () => number;
  /** Colours for stderr's marks; none unless stderr is a terminal and NO_COLOR is unset. */
  paint?: Paint;
}

const defaultStreams: PlainStreams = {
  out: (t) => {
    process.stdout.write(t);
  },
  err: (t) => {
    process.stderr.write(t);
  },
};

/** One line per COPY per this many ms at most, so a long load does not flood the log. */
const COPY_LINE_INTERVAL_MS = 2000;

export function createPlainRenderer(streams: PlainStreams = defaultStreams): Emit {
  const now = streams.now ?? Date.now;
  const c = streams.paint ?? paint(process.stderr);
  const lastCopyLine = new Map<string, number>();
  const lastClusterStatus = new Map<string, string>();
  // What a failed step or statement already printed: the final error then adds only its hint.
  const said = new Set<string>();
  const info = (line: string) => streams.err(redactText(line) + '\n');
  const result = (line: string) => streams.out(redactText(line) + '\n');

  return (event: ProgressEvent) => {
    switch (event.type) {
      case 'step':
        if (event.status === 'running') info(`… ${event.label}`);
        else if (event.status === 'done') info(`${c.green('✔')} ${event.label}${event.detail ? `: ${event.detail}` : ''}${event.elapsedMs !== undefined ? ` (${formatDuration(event.elapsedMs)})` : ''}`);
        else if (event.status === 'failed') {
          if (event.detail) said.add(event.detail);
          info(`${c.red('✖')} ${event.label}${event.detail ? `: ${event.detail}` : ''}`);
        }
        else if (event.status === 'skipped') info(`- ${event.label} (skipped${event.detail ? `: ${event.detail}` : ''})`);
        return;
      case 'notice':
        info(`${event.level === 'warn' ? c.yellow('!') : c.dim('i')} ${event.message}`);
        return;
      case 'role':
        info(`  IAM role ${event.roleName} ${event.action}${event.arn ? `: ${event.arn}` : ''}`);
        return;
      case 'cluster.status':
        if (lastClusterStatus.get(event.clusterId) === event.status) return;
        lastClusterStatus.set(event.clusterId, event.status);
        info(`  ${event.resource ?? 'cluster'} ${event.clusterId}: ${event.status} (${formatDuration(event.elapsedMs)})${event.endpoint ? ` endpoint ${event.endpoint}` : ''}`);
        return;
      case 'statement':
        if (event.status === 'failed') {
          if (event.error) said.add(event.error);
          info(`  ${c.red('✖')} ${event.label}: ${event.error}`);
        }
        return;
      case 'copy.progress': {
        const last = lastCopyLine.get(event.table) ?? -Infinity;
        if (event.status === 'running' && now() - last < COPY_LINE_INTERVAL_MS) return;
        lastCopyLine.set(event.table, now());
        info(
          `  COPY ${event.table}: ${event.filesDone}/${event.filesTotal} files, ${formatBytes(event.bytesDone)}/${formatBytes(event.bytesTotal)}, ${formatCount(event.rows)} rows, ${formatDuration(event.elapsedMs)}${event.status === 'running' ? '' : ` [${event.status}]`}`,
        );
        return;
      }
      case 'load.errors':
        info(`  Load errors for ${event.table} (top ${event.errors.length}, from stl_load_errors):`);
        info(formatTable(['file', 'line', 'column', 'reason'], event.errors.map((e) => [e.filename, e.line, e.column, e.reason]), 60).replace(/^/gm, '    '));
        return;
      case 'insert.done':
        // The insert's step line ("✔ INSERT users: 96 rows (…)") already says it.
        return;
      case 'check':
        if (event.expected === REPORT_ONLY) result(`INFO  ${event.name}: ${event.actual}`);
        else result(`${event.passed ? 'PASS' : 'FAIL'}  ${event.name}: expected ${event.expected}, got ${event.actual}`);
        return;
      case 'table.counts':
        result(formatTable(['table', 'rows'], Object.entries(event.counts).map(([t, n]) => [t, n])));
        return;
      case 'analytics':
        result(`\n${event.title}\n${formatTable(event.columns, event.rows)}`);
        return;
      case 'query.result':
        result(formatTable(event.columns, event.rows, 60));
        result(`(${event.rows.length} row${event.rows.length === 1 ? '' : 's'})`);
        return;
      case 'dry-run':
        result(`[dry-run] ${event.service} ${event.operation}${event.params ? ` ${JSON.stringify(event.params)}` : ''}${event.sql ? `\n${event.sql}\n` : ''}`);
        return;
      case 'error':
        if (said.has(event.message)) {
          if (event.hint) info(`  ${c.dim('→')} ${event.hint}`);
          return;
        }
        info(`${c.red('✖')} ${event.message}${event.hint ? `\n  ${c.dim('→')} ${event.hint}` : ''}`);
        return;
      case 'done':
        // The command's own closing line (writeClosingLine) says how it ended.
        return;
    }
  };
}

/**
 * The last line of a command, naming it: `✔ up finished in 4.2s`, `✖ etl failed in 9s`; a dry run
 * says what it did not do.
 */
export function writeClosingLine(result: CommandResultObject, err: (text: string) => void = defaultStreams.err, c: Paint = paint(process.stderr)): void {
  const took = formatDuration(result.elapsedMs);
  const line = result.dryRun
    ? `${result.ok ? c.green('✔') : c.red('✖')} ${result.command} --dry-run ${result.ok ? 'ended' : 'failed'} in ${took}: nothing was changed`
    : `${result.ok ? c.green('✔') : c.red('✖')} ${result.command} ${result.ok ? 'finished' : 'failed'} in ${took}`;
  err(line + '\n');
}
