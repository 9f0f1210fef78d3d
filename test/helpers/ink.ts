// Renders a tree the way the wizard sees an 80-column terminal, and waits for frames the way an
// operator would: by yielding to React 19's scheduler until the text shows up.
import { createRequire } from 'node:module';
import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { createElement, type ReactElement } from 'react';
import { Columns } from '../../src/components/Layout.js';

export const KEYS = {
  enter: '\r',
  escape: '\u001B',
  ctrlC: '\u0003',
  right: '\u001B[C',
  left: '\u001B[D',
  backspace: '\u007F',
  up: '\u001B[A',
  down: '\u001B[B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
} as const;

export type InkInstance = ReturnType<typeof render>;

const framed = (tree: ReactElement, columns: number): ReactElement =>
  createElement(Columns, { value: columns, children: createElement(Box, { width: columns, flexDirection: 'column' }, tree) });

export function renderAt(tree: ReactElement, columns = 80): InkInstance {
  return render(framed(tree, columns));
}

/** New props for a tree from renderAt, in the same frame, so the components keep their state. */
export function rerenderAt(instance: InkInstance, tree: ReactElement, columns = 80): void {
  instance.rerender(framed(tree, columns));
}

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

// React's scheduler (one instance, shared with Ink's reconciler): its queue holds the effects that
// subscribe a just-drawn component to keys. Under CPU load React yields between slices and those
// effects run after the test's next timer, so a key sent "after the frame" reaches no one.
const scheduler = createRequire(import.meta.url)('scheduler') as {
  unstable_scheduleCallback(priority: number, callback: () => void): unknown;
  unstable_IdlePriority: number;
};

/** Resolves once React has run every pending render and effect (an idle-priority task runs last). */
export function reactIdle(): Promise<void> {
  return new Promise((resolve) => scheduler.unstable_scheduleCallback(scheduler.unstable_IdlePriority, () => resolve()));
}

/**
 * How long a test waits for what it asserts. Generous, because on a loaded machine (the suite beside
 * two busy processes on 2 cores) React's time-sliced renders and effects lag far behind the clock;
 * a passing test never waits this long.
 */
export const WAIT_MS = 15_000;

/** Resolves with the frame once it contains `expected`; fails with the last frame otherwise. */
export async function waitForFrame(instance: Pick<InkInstance, 'lastFrame'>, expected: string | RegExp, timeoutMs = WAIT_MS): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = instance.lastFrame() ?? '';
    if (typeof expected === 'string' ? frame.includes(expected) : expected.test(frame)) {
      // What is drawn is also listening: its key subscriptions (effects) have run.
      await reactIdle();
      return frame;
    }
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(expected)} in frame:\n${frame}`);
    await tick();
  }
}

/**
 * Polls `assertion` (e.g. `() => expect(onConfirm).toHaveBeenCalledWith({})`) until it passes; fails
 * with its last error. For what a component does after a frame (onExit runs in an effect).
 */
export async function waitUntil(assertion: () => void, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
    }
    await tick();
  }
}

/**
 * Presses `key` until `handled()` says it was taken. A component that just appeared subscribes to
 * stdin in an effect after its first frame; under load that effect can lag the frame, and a key
 * sent in between reaches no one. Ink handles a key synchronously inside the write, so after each
 * press the key was either handled or dropped: pressing again can never deliver it twice.
 */
export async function pressUntil(instance: Pick<InkInstance, 'stdin'>, key: string, handled: () => boolean, timeoutMs = WAIT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    instance.stdin.write(key);
    for (let i = 0; i < 10; i++) {
      if (handled()) return;
      await tick(20);
    }
    if (Date.now() > deadline) throw new Error(`key ${JSON.stringify(key)} was never handled within ${timeoutMs} ms`);
  }
}

/** Writes keys one at a time with a yield between, like a person typing. */
export async function press(instance: Pick<InkInstance, 'stdin'>, ...keys: string[]): Promise<void> {
  for (const key of keys) {
    await reactIdle();
    instance.stdin.write(key);
    await tick(20);
  }
}

export async function type(instance: Pick<InkInstance, 'stdin'>, text: string): Promise<void> {
  // A just-shown prompt subscribes to stdin in an effect, after its first frame is written.
  await reactIdle();
  await tick(20);
  for (const ch of text) {
    instance.stdin.write(ch);
    await tick(2);
  }
  await tick(20);
}

/** Every line of a frame fits the width (Ink pads nothing, so this checks our own layout). */
export function widestLine(frame: string): number {
  return Math.max(...frame.split('\n').map((l) => [...l.replace(/\u001B\[[0-9;]*m/g, '')].length));
}
