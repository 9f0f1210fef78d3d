// The SQL prompt's line editing as a pure function of (line, keypress), so it is tested without a
// terminal. Written here because the input components on npm (@inkjs/ui's TextInput, ink-text-input)
// insert a burst of keys that arrive in one read ("\x7f\x7f\x7f", a paste) as text, insert Ctrl-U
// as "u", and keep no history; this handles each character of a burst, the readline keys people
// expect (Ctrl-A/E/U/K/W, ←/→, Home/End) and ↑/↓ through the session's history.

/** The subset of Ink's Key this editor reads. */
export interface EditKey {
  upArrow?: boolean;
  downArrow?: boolean;
  leftArrow?: boolean;
  rightArrow?: boolean;
  home?: boolean;
  end?: boolean;
  backspace?: boolean;
  delete?: boolean;
  ctrl?: boolean;
  meta?: boolean;
  tab?: boolean;
  return?: boolean;
  escape?: boolean;
}

export interface LineState {
  value: string;
  /** 0..value.length: the cell the cursor is on. */
  cursor: number;
  /** While ↑/↓ browse the history: which entry is shown, and the line typed before browsing. */
  browse?: { index: number; draft: string };
}

export const emptyLine: LineState = { value: '', cursor: 0 };

const at = (value: string, cursor: number, browse?: LineState['browse']): LineState => ({ value, cursor: Math.max(0, Math.min(cursor, value.length)), browse });

/** Characters that never belong in a statement: C0 controls, DEL, zero-width and BOM characters. */
const HIDDEN = /[\u0000-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff]/;

function applyChar(line: LineState, ch: string): LineState {
  const { value, cursor } = line;
  switch (ch) {
    case '\u007f': // Backspace (DEL) and Ctrl-H
    case '\b':
      return cursor === 0 ? line : at(value.slice(0, cursor - 1) + value.slice(cursor), cursor - 1);
    case '\u0015': // Ctrl-U: delete to the start of the line
      return at(value.slice(cursor), 0);
    case '\u000b': // Ctrl-K: delete to the end
      return at(value.slice(0, cursor), cursor);
    case '\u0017': // Ctrl-W: delete the word before the cursor
      return deleteWord(line);
    case '\u0001': // Ctrl-A
      return at(value, 0);
    case '\u0005': // Ctrl-E
      return at(value, value.length);
    case '\r': // a pasted line break joins the lines: a statement is one line here
    case '\n':
    case '\t':
      return insert(line, ' ');
    default:
      return HIDDEN.test(ch) ? line : insert(line, ch);
  }
}

function insert(line: LineState, text: string): LineState {
  return at(line.value.slice(0, line.cursor) + text + line.value.slice(line.cursor), line.cursor + text.length);
}

function deleteWord({ value, cursor }: LineState): LineState {
  const before = value.slice(0, cursor).replace(/\S*\s*$/, '');
  return at(before + value.slice(cursor), before.length);
}

const CTRL_CODES: Record<string, string> = { u: '\u0015', k: '\u000b', w: '\u0017', a: '\u0001', e: '\u0005', h: '\b' };

/** The line after one keypress (or one burst of characters read at once). Return and Escape are the caller's. */
export function editLine(line: LineState, input: string, key: EditKey, history: readonly string[] = []): LineState {
  if (key.upArrow || key.downArrow) return browseHistory(line, key.upArrow ? -1 : 1, history);
  const editing = { value: line.value, cursor: line.cursor };
  if (key.leftArrow) return at(editing.value, editing.cursor - 1);
  if (key.rightArrow) return at(editing.value, editing.cursor + 1);
  if (key.home) return at(editing.value, 0);
  if (key.end) return at(editing.value, editing.value.length);
  if (key.return || key.escape || key.tab) return line;
  if (key.backspace || key.delete) {
    // Ink names DEL "delete"; a burst of them arrives as one input, each is one Backspace.
    const count = Math.max(1, [...input].filter((c) => c === '\u007f' || c === '\b').length);
    let next: LineState = editing;
    for (let i = 0; i < count; i++) next = applyChar(next, '\u007f');
    return next;
  }
  if (key.ctrl) return CTRL_CODES[input] ? applyChar(editing, CTRL_CODES[input]) : line;
  if (key.meta) return line;
  let next: LineState = editing;
  for (const ch of input) next = applyChar(next, ch);
  return next;
}

/** ↑ shows the previous statement of this session, ↓ the next, and past the newest the line typed before. */
function browseHistory(line: LineState, step: -1 | 1, history: readonly string[]): LineState {
  if (history.length === 0) return line;
  const draft = line.browse?.draft ?? line.value;
  const from = line.browse?.index ?? history.length;
  const index = Math.max(0, Math.min(history.length, from + step));
  if (index === history.length) return at(draft, draft.length);
  return at(history[index], history[index].length, { index, draft });
}

/** The session's history after a statement was run: newest last, no immediate repeats. */
export function remember(history: readonly string[], sql: string, limit = 100): string[] {
  if (sql.trim() === '' || history[history.length - 1] === sql) return history.slice();
  return [...history, sql].slice(-limit);
}
