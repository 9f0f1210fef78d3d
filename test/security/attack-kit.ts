// What the attack tests share: an emulator with a cluster (set up through the SDK, as sparkify
// would), and raw Data API calls made the way a local attacker would make them over HTTP.
import { CreateRoleCommand } from '@aws-sdk/client-iam';
import { CreateClusterCommand } from '@aws-sdk/client-redshift';
import { REDSHIFT_TRUST_POLICY, startTestEmulator, type TestEmulator } from '../emulator/control-plane/helpers.js';
import { rawRequest, signed, type RawResponse } from '../helpers/raw-http.js';

export const CLUSTER = 'victim';

export interface AttackTarget extends TestEmulator {
  roleArn: string;
  /** A signed Data API call (awsJson1_1), answered as parsed JSON. */
  dataApi(operation: string, input: Record<string, unknown>): Promise<{ status: number; body: Record<string, any> }>;
  /** Runs one statement through ExecuteStatement and polls until it ends; rows only when FINISHED with a result. */
  sql(statement: string): Promise<{ Status: string; Error?: string; rows?: unknown[][] }>;
}

export async function openAttackTarget(): Promise<AttackTarget> {
  const t = await startTestEmulator();
  const { Role } = await t.iam.send(new CreateRoleCommand({ RoleName: 'loader', AssumeRolePolicyDocument: REDSHIFT_TRUST_POLICY }));
  await t.redshift.send(new CreateClusterCommand({
    ClusterIdentifier: CLUSTER, NodeType: 'ra3.large', ClusterType: 'single-node', MasterUsername: 'admin', ManageMasterPassword: true, DBName: 'dev', IamRoles: [Role!.Arn!],
  }));
  const port = t.emulator.port;
  async function dataApi(operation: string, input: Record<string, unknown>) {
    const response: RawResponse = await rawRequest(port, {
      method: 'POST',
      path: '/',
      headers: signed(port, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `RedshiftData.${operation}` }),
      body: JSON.stringify(input),
    });
    return { status: response.status, body: JSON.parse(response.body) as Record<string, any> };
  }
  async function sql(statement: string) {
    const started = await dataApi('ExecuteStatement', { ClusterIdentifier: CLUSTER, Database: 'dev', DbUser: 'admin', Sql: statement });
    if (started.status !== 200) throw new Error(`ExecuteStatement answered ${started.status}: ${JSON.stringify(started.body)}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const { body } = await dataApi('DescribeStatement', { Id: started.body.Id });
      if (['FINISHED', 'FAILED', 'ABORTED'].includes(body.Status)) {
        if (body.Status !== 'FINISHED' || !body.HasResultSet) return { Status: body.Status, Error: body.Error };
        const result = await dataApi('GetStatementResult', { Id: started.body.Id });
        const rows = (result.body.Records as Record<string, unknown>[][]).map((record) => record.map((field) => (field.isNull ? null : Object.values(field)[0])));
        return { Status: body.Status, rows };
      }
      if (Date.now() > deadline) throw new Error(`statement still ${body.Status} after 60 s: ${statement}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  return { ...t, roleArn: Role!.Arn!, dataApi, sql };
}

/** Text that gives a response away as a leak of the emulator's internals (stack frames, source paths). */
export const INTERNALS = /\bat [\w.<>]+ \(|node:internal|\.ts:\d+|\/src\/emulator\/|node_modules/;
