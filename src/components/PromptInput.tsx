// A one-line prompt over the pure line editor (src/state/line-editor.ts): the value with an inverse
// cursor, Enter submits, ↑/↓ walk the given history. Escape is left to the screen.
// A screen whose own key handler is already subscribed (Explore) feeds keys to useLineEditor and
// draws <PromptLine>, so no key is lost while a just-shown input subscribes to stdin (Ink does that
// in an effect, after the first frame); <PromptInput> is the self-contained version.
import { Text, type Key } from 'ink';
import { useRef, useState } from 'react';
import { editLine, emptyLine, type LineState } from '../state/line-editor.js';
import { useKeys } from './use-keys.js';

export function useLineEditor(history: readonly string[]) {
  const [line, setLine] = useState<LineState>(emptyLine);
  // Keys read in one tick (typing, then Enter) each see the line the previous one left.
  const latest = useRef(line);
  const update = (next: LineState) => {
    latest.current = next;
    setLine(next);
  };
  /** Applies one keypress; returns the line's text when it was Enter. */
  const handle = (input: string, key: Key): string | undefined => {
    const current = latest.current;
    if (key.return) {
      update({ value: current.value, cursor: current.cursor });
      return current.value;
    }
    update(editLine(current, input, key, history));
    return undefined;
  };
  return { line, handle };
}

export function PromptLine({ line, placeholder = '' }: { line: LineState; placeholder?: string }) {
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

export interface PromptInputProps {
  history: readonly string[];
  onSubmit: (value: string) => void;
  placeholder?: string;
  active?: boolean;
}

export function PromptInput({ history, onSubmit, placeholder, active = true }: PromptInputProps) {
  const editor = useLineEditor(history);
  useKeys((input, key) => {
    const submitted = editor.handle(input, key);
    if (submitted !== undefined) onSubmit(submitted);
  }, active);
  return <PromptLine line={editor.line} placeholder={placeholder} />;
}
