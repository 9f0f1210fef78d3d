// Keyboard handling. Two Ink details shape it:
// - useInput throws without raw mode, so it is only active when stdin supports it;
// - a component subscribes to stdin in an effect, i.e. just after its first frame is drawn. A key
//   sent the instant a new screen appears (tmux send-keys, tests) would reach the old screen or no
//   one. So the App, which is always mounted, handles the shared phase keys itself and tells the
//   screens (through PhaseKeysContext) not to; a screen rendered on its own handles them.
import { useInput, useStdin, type Key } from 'ink';
import { createContext, useCallback, useContext, useRef } from 'react';
import type { Phase } from '../state/wizard.js';

export function useKeys(handler: (input: string, key: Key) => void, active = true): boolean {
  const { isRawModeSupported } = useStdin();
  // A stable subscription that always calls the latest render's handler.
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => latest.current(input, key), []);
  useInput(stable, { isActive: Boolean(isRawModeSupported) && active });
  return Boolean(isRawModeSupported);
}

/** What a work screen can ask of the wizard; the App decides what each one does. */
export interface StepIntents {
  onRun: () => void;
  onSkip: () => void;
  onRetry: () => void;
  onNext: () => void;
  onQuit: () => void;
}

/** The keys shared by every work screen: enter runs or goes on, s skips, r retries, q quits. */
export function handlePhaseKey(phase: Phase, input: string, key: Key, intents: StepIntents): boolean {
  if (phase === 'running') return false;
  if (key.return) {
    if (phase === 'confirm') intents.onRun();
    else if (phase === 'done') intents.onNext();
    else return false;
    return true;
  }
  if (input === 'q') intents.onQuit();
  else if (input === 's' && (phase === 'confirm' || phase === 'failed')) intents.onSkip();
  else if (input === 'r' && phase === 'failed') intents.onRetry();
  else return false;
  return true;
}

/** True under the App: it routes phase keys from its own, always-mounted handler. */
export const PhaseKeysContext = createContext(false);

export function usePhaseKeys(phase: Phase, intents: StepIntents, active = true): boolean {
  const handledAtRoot = useContext(PhaseKeysContext);
  return useKeys((input, key) => void handlePhaseKey(phase, input, key, intents), active && !handledAtRoot);
}
