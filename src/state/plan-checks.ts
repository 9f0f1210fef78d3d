// The plan's preflight checks as one list {name, status, detail, fix}: the workflow's own checks
// (plan.checks, when it runs them) first, then what the plan already tells: who the calls run as,
// names taken by resources sparkify did not create, the config's warnings, and whether what exists
// could be looked up. A failed check blocks going on; the screen shows it in full with its fix.
import type { Plan, PlanCheck } from '../workflow/types.js';

export type { PlanCheck } from '../workflow/types.js';

const CREDENTIALS_FIX = 'Run `aws configure` (or `aws sso login`), set AWS_PROFILE, or set [AWS] PROFILE in dwh.cfg; then press r. For a local run set [TARGET] NAME = local.';

const EMULATOR_FIX = 'The local emulator did not answer: make sure no other sparkify process holds [LOCAL] STATE_DIR (`npx sparkify emulator`, another wizard), then press r.';

const RENAME_KEY = { 'iam-role': '[DWH] IAM_ROLE_NAME', cluster: '[DWH] CLUSTER_IDENTIFIER', namespace: '[DWH] NAMESPACE_NAME', workgroup: '[DWH] WORKGROUP_NAME' } as const;
const KIND_NAME = { 'iam-role': 'IAM role', cluster: 'cluster', namespace: 'namespace', workgroup: 'workgroup' } as const;

export function planChecks(plan: Plan, detectError?: string): PlanCheck[] {
  const checks: PlanCheck[] = [...(plan.checks ?? [])];
  const named = new Set(checks.map((c) => c.name));
  const add = (check: PlanCheck) => {
    if (!named.has(check.name)) checks.push(check);
  };
  const { identity } = plan;
  const credentials = plan.target === 'local' ? 'local emulator' : 'AWS credentials';
  if ('error' in identity) add({ name: credentials, status: 'fail', detail: identity.error, fix: identity.hint ?? (plan.target === 'local' ? EMULATOR_FIX : CREDENTIALS_FIX) });
  else add({ name: credentials, status: 'pass', detail: `account ${identity.account} as ${identity.arn}` });
  for (const r of plan.resources) {
    if (r.action !== 'exists' || r.kind === 'table') continue;
    add({
      name: `${KIND_NAME[r.kind]} ${r.name}`,
      status: 'fail',
      detail: 'exists but is not tagged sparkify:managed; sparkify never uses or deletes what it did not create',
      fix: `Choose another name in ${RENAME_KEY[r.kind]} of dwh.cfg, then press r.`,
    });
  }
  // Without credentials nothing can be looked up either: that is the same failure, said once.
  if (detectError && !('error' in identity)) add({ name: 'existing resources', status: 'warn', detail: `could not check what already exists: ${detectError}` });
  plan.warnings.forEach((w, i) => add({ name: `dwh.cfg warning ${i + 1}`, status: 'warn', detail: w }));
  return checks;
}

export function blockingChecks(checks: readonly PlanCheck[]): PlanCheck[] {
  return checks.filter((c) => c.status === 'fail');
}
