import type { StepIntents } from '../components/use-keys.js';
import type { ErrorView, ProgressState } from '../state/view-state.js';
import type { Phase } from '../state/wizard.js';
import type { Detected, Plan } from '../workflow/types.js';

/** What every work screen is given: the view state to render and the intents it may send. */
export interface WorkScreenProps extends StepIntents {
  phase: Phase;
  progress: ProgressState;
  plan?: Plan;
  detected?: Detected;
  error?: ErrorView;
  width: number;
  /** The terminal's rows (default 24): long results and the frame's spacing fit them. */
  rows?: number;
  /** Wall clock for elapsed times; the App ticks it while something runs. */
  now: number;
  startedAt?: number;
  /** When the screen's work ended (done or failed). */
  finishedAt?: number;
}
