// Secrets Manager, as far as the local cluster needs it: GetSecretValue and DescribeSecret of the
// master-password secrets Redshift manages (ManageMasterPassword). The password is never stored:
// it is derived from the secret's ARN with a random key kept in <STATE_DIR>/secrets.key (0600),
// so it is stable across emulator restarts and different per state folder.
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError } from '../contracts.js';
import type { ClusterRecord, StateStore } from '../state-store.js';

export interface SecretsContext {
  state: StateStore;
}

export interface ManagedSecret {
  arn: string;
  name: string;
  username: string;
  password: string;
  cluster: ClusterRecord;
}

function keyOf(stateDir: string): Buffer {
  const path = join(stateDir, 'secrets.key');
  if (!existsSync(path)) {
    try {
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process wrote it first
    }
  }
  chmodSync(path, 0o600);
  return Buffer.from(readFileSync(path, 'utf8').trim(), 'hex');
}

/** 32 characters meeting Redshift's password rules (upper, lower, digit; no ' " \ / @ or space). */
export function derivePassword(stateDir: string, arn: string): string {
  const digest = createHmac('sha256', keyOf(stateDir)).update(arn).digest('base64url').replace(/[-_]/g, 'x').slice(0, 29);
  return `${digest}Aa1`;
}

/** `redshift!<cluster>-<user>` from `arn:…:secret:redshift!<cluster>-<user>-AbC123`. */
const nameOfArn = (arn: string) => arn.split(':secret:')[1]?.replace(/-[A-Za-z0-9]{6}$/, '') ?? arn;

export function findManagedSecret(ctx: SecretsContext, secretId: string): ManagedSecret | undefined {
  for (const cluster of Object.values(ctx.state.read().clusters)) {
    const arn = cluster.masterPasswordSecretArn;
    if (!arn || cluster.goneAt !== undefined) continue;
    if (secretId === arn || secretId === nameOfArn(arn)) {
      return { arn, name: nameOfArn(arn), username: cluster.masterUsername, password: derivePassword(ctx.state.stateDir, arn), cluster };
    }
  }
  return undefined;
}

function requireSecret(ctx: SecretsContext, input: Record<string, unknown>): ManagedSecret {
  const id = input.SecretId;
  if (typeof id !== 'string' || id === '') throw new AwsError('InvalidParameterException', 'SecretId is required.');
  const secret = findManagedSecret(ctx, id);
  if (!secret) throw new AwsError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
  return secret;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

export function handleSecretsManager(ctx: SecretsContext, operation: string, input: Record<string, unknown>): unknown {
  if (operation === 'GetSecretValue') {
    const secret = requireSecret(ctx, input);
    return {
      ARN: secret.arn,
      Name: secret.name,
      VersionId: `v1-${secret.cluster.namespaceId}`,
      SecretString: JSON.stringify({ username: secret.username, password: secret.password }),
      VersionStages: ['AWSCURRENT'],
      CreatedDate: seconds(secret.cluster.createdAt),
    };
  }
  if (operation === 'DescribeSecret') {
    const secret = requireSecret(ctx, input);
    return {
      ARN: secret.arn,
      Name: secret.name,
      Description: `Master password of Redshift cluster ${secret.cluster.identifier}`,
      OwningService: 'redshift',
      CreatedDate: seconds(secret.cluster.createdAt),
      LastChangedDate: seconds(secret.cluster.createdAt),
      Tags: [],
      VersionIdsToStages: { [`v1-${secret.cluster.namespaceId}`]: ['AWSCURRENT'] },
    };
  }
  throw new AwsError('UnknownOperationException', `The emulator does not serve secretsmanager.${operation}.`);
}
