// The keys a screen listens to, always on its last line. Kept short so it fits 80 columns.
import { Text } from 'ink';
import type { Phase } from '../state/wizard.js';

export interface KeyHint {
  key: string;
  action: string;
}

export function KeyHints({ hints }: { hints: KeyHint[] }) {
  return (
    <Text dimColor>
      {[...hints, { key: 'ctrl-c', action: 'exit' }].map((h, i) => (
        <Text key={h.key}>
          {i > 0 ? '  ' : ''}
          <Text bold>{h.key}</Text> {h.action}
        </Text>
      ))}
    </Text>
  );
}

/** The hints for the confirm → running → done | failed cycle every work screen shares. */
export function phaseHints(phase: Phase, runLabel = 'run'): KeyHint[] {
  switch (phase) {
    case 'confirm':
      return [{ key: 'enter', action: runLabel }, { key: 's', action: 'skip' }, { key: 'q', action: 'quit' }];
    case 'running':
      return [];
    case 'done':
      return [{ key: 'enter', action: 'next' }, { key: 'q', action: 'quit' }];
    case 'failed':
      return [{ key: 'r', action: 'retry' }, { key: 's', action: 'skip' }, { key: 'q', action: 'quit' }];
  }
}
