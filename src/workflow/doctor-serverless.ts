// The doctor's compute and cost checks for [DWH] DEPLOYMENT = serverless: the namespace and
// workgroup sparkify would create or reuse (refusing untagged ones), and the by-use cost model.
import type { ServerlessConfig, SparkifyConfig } from '../config/index.js';
import type { AwsClients } from '../services/clients.js';
import { describeError, fail, pass, warn, type PreflightCheck } from '../services/preflight.js';
import { describeNamespace, describeWorkgroup, type ServerlessResource } from '../services/serverless.js';
import { USD_PER_GB_MONTH, USD_PER_RPU_HOUR } from './deployment-serverless.js';

const settle = <T>(promise: Promise<T>): Promise<T | Error> => promise.catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));

function resourceCheck(found: ServerlessResource | undefined | Error, kind: 'namespace' | 'workgroup', name: string, key: string, creates: string): PreflightCheck {
  if (found instanceof Error) return warn(kind, kind, `could not look up ${kind} ${name}: ${describeError(found)}.`, `Allow redshift-serverless:Get${kind === 'namespace' ? 'Namespace' : 'Workgroup'} (in "sparkify policy").`);
  if (!found) return pass(kind, kind, `${name} does not exist yet; it will be created (${creates}).`);
  if (!found.managed) return fail(kind, kind, `${name} exists but is not tagged sparkify:managed=true, so sparkify will not use or delete it.`, `Set [DWH] ${key} in dwh.cfg to a name not in use.`);
  if (found.status === 'deleting') return fail(kind, kind, `${name} is being deleted.`, 'Wait until it is gone, then run again to create a fresh one.');
  return pass(kind, kind, `${name} exists (created by sparkify, ${found.status}) and will be reused.`);
}

function costCheck(config: SparkifyConfig, settings: ServerlessConfig): PreflightCheck {
  const perHour = settings.baseCapacity * USD_PER_RPU_HOUR;
  const model = `${settings.baseCapacity} RPUs at $${USD_PER_RPU_HOUR}/RPU-hour ≈ $${perHour.toFixed(2)} per busy hour, nothing while idle, plus $${USD_PER_GB_MONTH}/GB-month storage (us-east-1 list prices)`;
  if (config.target === 'local') return pass('cost', 'cost', `$0 on the local target. On AWS: ${model}.`);
  return pass('cost', 'cost', `${model}; the namespace's storage bills until "sparkify down".`);
}

/** The namespace, workgroup and cost checks, in place of the cluster and cost checks. */
export async function serverlessChecks(config: SparkifyConfig, clients: AwsClients): Promise<PreflightCheck[]> {
  const settings = config.serverless!;
  const [ns, wg] = await Promise.all([
    settle(describeNamespace(clients.redshiftServerless, settings.namespaceName)),
    settle(describeWorkgroup(clients.redshiftServerless, settings.workgroupName)),
  ]);
  return [
    resourceCheck(ns, 'namespace', settings.namespaceName, 'NAMESPACE_NAME', `database ${config.dwh.dbName}, admin ${config.dwh.dbUser} with a managed password`),
    resourceCheck(wg, 'workgroup', settings.workgroupName, 'WORKGROUP_NAME', `${settings.baseCapacity} RPUs base, private`),
    costCheck(config, settings),
  ];
}
