// What every preflight check reports: pass / warn / fail, why, and the fix. A `fail` is something
// that would make the run fail (and bill for nothing); a `warn` is a risk or a check that could not
// be made (no permission to check, a throttled answer), which never stops a run.
export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface PreflightCheck {
  /** Stable id for scripts: identity, permissions, sources, source-region, network, role, cluster, cost. */
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found, in a sentence. */
  detail: string;
  /** What to do about a warn or fail. */
  fix?: string;
}

export const pass = (id: string, title: string, detail: string): PreflightCheck => ({ id, title, status: 'pass', detail });
export const warn = (id: string, title: string, detail: string, fix?: string): PreflightCheck => ({ id, title, status: 'warn', detail, ...(fix ? { fix } : {}) });
export const fail = (id: string, title: string, detail: string, fix: string): PreflightCheck => ({ id, title, status: 'fail', detail, fix });

/** An AWS error's code and message in one line, for "could not check" details. */
export function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string } | null;
  if (!e) return String(err);
  return e.message && e.message !== e.name ? `${e.name}: ${e.message}` : (e.name ?? String(err));
}
