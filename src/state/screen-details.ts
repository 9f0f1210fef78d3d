// The one-line details logged to the scrollback when a screen is left: what it did, or what was found.
import type { Detected, Plan } from '../workflow/types.js';
import type { ProgressState } from './view-state.js';
import type { ScreenId } from './wizard.js';

export function summaryDetail(screen: ScreenId, progress: ProgressState, plan?: Plan): string | undefined {
  switch (screen) {
    case 'role':
      return progress.role ? `${progress.role.action} ${progress.role.arn ?? progress.role.roleName}` : undefined;
    case 'cluster':
      return progress.cluster ? `${progress.cluster.clusterId} ${progress.cluster.status}${progress.cluster.endpoint ? ` at ${progress.cluster.endpoint}` : ''}` : plan?.cluster.identifier;
    case 'tables':
      return `${progress.statements.filter((s) => s.status === 'done').length} statements`;
    case 'etl':
      return `${progress.checks.filter((c) => c.passed).length}/${progress.checks.length} checks passed`;
    case 'explore':
      return `${progress.analytics.length} queries`;
    default:
      return undefined;
  }
}

export function foundDetail(screen: ScreenId, detected: Detected): string {
  switch (screen) {
    case 'role':
      return detected.role ? `found ${detected.role.arn}` : 'not found';
    case 'cluster':
      return detected.cluster ? `found ${detected.cluster.identifier} (${detected.cluster.status})` : 'not found';
    case 'tables':
      return `found ${detected.tables.length} tables`;
    case 'etl':
      return `found ${detected.counts.songplays ?? 0} songplays`;
    default:
      return 'found';
  }
}
