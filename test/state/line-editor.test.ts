import { describe, expect, it } from 'vitest';
import { editLine, emptyLine, remember, type EditKey, type LineState } from '../../src/state/line-editor.js';

const typed = (text: string, line: LineState = emptyLine) => editLine(line, text, {});
const key = (k: EditKey, line: LineState, history: string[] = []) => editLine(line, '', k, history);

describe('line editor', () => {
  it('applies every Backspace of a burst read at once (not "xyzselect")', () => {
    let line = typed('xyz');
    line = editLine(line, '\u007f\u007f\u007f', {});
    line = editLine(line, 'select 2 as y', {});
    expect(line.value).toBe('select 2 as y');
  });

  it('a single Backspace (Ink names DEL "delete") deletes left of the cursor', () => {
    expect(key({ delete: true }, typed('abc')).value).toBe('ab');
    expect(key({ backspace: true }, { value: 'abc', cursor: 1 })).toEqual({ value: 'bc', cursor: 0 });
    expect(key({ delete: true }, { value: 'abc', cursor: 0 })).toEqual({ value: 'abc', cursor: 0 });
  });

  it('never keeps hidden characters: controls, DEL, zero-width, BOM', () => {
    expect(typed('sel\u0000ect\u200b 1\ufeff\u0007').value).toBe('select 1');
  });

  it('Ctrl-U clears to the start, Ctrl-K to the end, Ctrl-W a word, Ctrl-A/E move; none inserts a letter', () => {
    const line = typed('select * from songplays');
    expect(editLine(line, 'u', { ctrl: true })).toEqual({ value: '', cursor: 0 });
    expect(editLine(line, 'w', { ctrl: true }).value).toBe('select * from ');
    const home = editLine(line, 'a', { ctrl: true });
    expect(home.cursor).toBe(0);
    expect(editLine(home, 'k', { ctrl: true }).value).toBe('');
    expect(editLine(home, 'e', { ctrl: true }).cursor).toBe(line.value.length);
    expect(editLine(line, 'x', { ctrl: true })).toEqual(line);
    expect(editLine(line, '\u0015', {}).value).toBe('');
  });

  it('inserts at the cursor after ←, and a pasted line break becomes a space', () => {
    let line = typed('selct');
    line = key({ leftArrow: true }, line);
    line = key({ leftArrow: true }, line);
    line = typed('e', line);
    expect(line.value).toBe('select');
    expect(typed('select 1\r\nfrom t').value).toBe('select 1  from t');
  });

  it('↑/↓ walk the history and come back to the line being typed', () => {
    const history = ['select 1', 'select 2'];
    let line = typed('sel');
    line = key({ upArrow: true }, line, history);
    expect(line.value).toBe('select 2');
    line = key({ upArrow: true }, line, history);
    expect(line.value).toBe('select 1');
    line = key({ upArrow: true }, line, history);
    expect(line.value).toBe('select 1');
    line = key({ downArrow: true }, line, history);
    line = key({ downArrow: true }, line, history);
    expect(line).toEqual({ value: 'sel', cursor: 3, browse: undefined });
    expect(key({ upArrow: true }, line, []).value).toBe('sel');
  });

  it('remembers statements newest last, without immediate repeats or blanks', () => {
    expect(remember(remember(remember([], 'a'), 'a'), ' ')).toEqual(['a']);
    expect(remember(['a'], 'b')).toEqual(['a', 'b']);
    expect(remember(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
  });
});
