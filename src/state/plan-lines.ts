// The plan screen's lines as text: resources (tables grouped), what already exists, the SQL steps.
import { formatCount } from '../components/format.js';
import type { Detected, PlanResource } from '../workflow/types.js';

export function describeResources(resources: PlanResource[]): string[] {
  const mark = (r: PlanResource) => (r.action === 'create' ? '+' : '=');
  const tables = resources.filter((r) => r.kind === 'table');
  const lines = resources.filter((r) => r.kind !== 'table').map((r) => `${mark(r)} ${r.kind} ${r.name} (${r.action})${r.detail ? ` ${r.detail}` : ''}`);
  const byAction = new Map<string, string[]>();
  for (const t of tables) byAction.set(t.action, [...(byAction.get(t.action) ?? []), t.name]);
  for (const [action, names] of byAction) lines.push(`${action === 'create' ? '+' : '='} ${names.length} tables (${action}): ${names.join(', ')}`);
  return lines;
}

export function describeDetected(d: Detected): string | undefined {
  const parts: string[] = [];
  if (d.role) parts.push(`role ${d.role.name}`);
  if (d.cluster) parts.push(`cluster ${d.cluster.identifier} (${d.cluster.status})`);
  if (d.tables.length > 0) parts.push(`${d.tables.length} tables`);
  if ((d.counts.songplays ?? 0) > 0) parts.push(`${formatCount(d.counts.songplays ?? 0)} songplays`);
  if (d.load && d.load.status !== 'complete') parts.push(`last load ${d.load.status} (finish it with ${d.load.finishCommand ?? 'sparkify etl'})`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** "1. drop tables · 2. …": the steps without their file names (`--dry-run` prints the SQL itself). */
export function describeSqlSteps(steps: readonly string[]): string {
  return steps.map((s, i) => `${i + 1}. ${s.replace(/\s*\([^)]*\)/g, '').replace(/, concurrently$/, '')}`).join(' · ');
}
