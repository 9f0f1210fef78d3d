// A one-line prompt over the pure line editor (src/state/line-editor.ts): the value with an inverse
// cursor, Enter submits, ↑/↓ walk the session's history. Escape is left to the screen.
import { Text } from 'ink';
import { useRef, useState } from 'react';
import { editLine, emptyLine, type LineState } from '../state/line-editor.js';
import { useKeys } from './use-keys.js';

export interface PromptInputProps {
  history: readonly string[];
  onSubmit: (value: string) => void;
  placeholder?: string;
  active?: boolean;
}

export function PromptInput({ history, onSubmit, placeholder = '', active = true }: PromptInputProps) {
  const [line, setLine] = useState<LineState>(emptyLine);
  // Keys read in one tick (typing, then Enter) each see the line the previous one left.
  const latest = useRef(line);
  const update = (next: LineState) => {
    latest.current = next;
    setLine(next);
  };
  useKeys((input, key) => {
    const current = latest.current;
    if (key.return) {
      onSubmit(current.value);
      update({ value: current.value, cursor: current.cursor });
    } else update(editLine(current, input, key, history));
  }, active);
  if (line.value === '') {
    return (
      <Text>
        <Text inverse>{placeholder.slice(0, 1) || ' '}</Text>
        <Text dimColor>{placeholder.slice(1)}</Text>
      </Text>
    );
  }
  const before = line.value.slice(0, line.cursor);
  const under = line.value.slice(line.cursor, line.cursor + 1) || ' ';
  const after = line.value.slice(line.cursor + 1);
  return (
    <Text wrap="wrap">
      {before}
      <Text inverse>{under}</Text>
      {after}
    </Text>
  );
}
