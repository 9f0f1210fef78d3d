import { vi } from 'vitest';
import { reduceEvents } from '../../src/state/progress-reducer.js';
import type { ProgressEvent } from '../../src/workflow/events.js';
import type { WorkScreenProps } from '../../src/screens/screen-props.js';
import * as fx from './fixtures.js';

export const NOW = Date.parse('2025-11-24T20:00:00Z');

/** Props for a work screen with spy intents; `events` is folded through the real reducer. */
export function workProps(overrides: Partial<WorkScreenProps> = {}, events: ProgressEvent[] = []): WorkScreenProps {
  return {
    phase: 'confirm',
    progress: reduceEvents(events),
    plan: fx.plan,
    detected: fx.nothingDetected,
    width: 80,
    now: NOW,
    onRun: vi.fn(),
    onSkip: vi.fn(),
    onRetry: vi.fn(),
    onNext: vi.fn(),
    onQuit: vi.fn(),
    ...overrides,
  };
}
