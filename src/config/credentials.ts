// Decides whether access keys found in dwh.cfg may be used. Keys in a project file get committed
// and leaked, so they are the last resort: any credential source the SDK's default chain would
// find (environment, a profile, SSO, web identity, container role) wins over them.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'ini';

export interface CredentialEnvironment {
  env: Record<string, string | undefined>;
  homeDir: string;
}

/** Keys in a shared config/credentials profile that make it a credential source (not just a region). */
const CREDENTIAL_PROFILE_KEYS = [
  'aws_access_key_id',
  'credential_process',
  'role_arn',
  'sso_start_url',
  'sso_session',
  'web_identity_token_file',
  'login_session',
];

function profileHasCredentials(file: string, sectionNames: string[]): boolean {
  if (!existsSync(file)) return false;
  let parsed: Record<string, unknown>;
  try {
    parsed = parse(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  return sectionNames.some((name) => {
    const section = parsed[name];
    if (!section || typeof section !== 'object') return false;
    return CREDENTIAL_PROFILE_KEYS.some((k) => k in (section as Record<string, unknown>));
  });
}

/**
 * Names the better credential source the SDK would use, or undefined when none is visible.
 * (EC2 instance roles cannot be detected without a network call; on EC2 set AWS_PROFILE or remove
 * the keys from dwh.cfg.)
 */
export function findBetterCredentialSource(profile: string | undefined, { env, homeDir }: CredentialEnvironment): string | undefined {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return 'AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment';
  if (profile) return `the profile "${profile}" ([AWS] PROFILE)`;
  if (env.AWS_PROFILE) return `the profile "${env.AWS_PROFILE}" (AWS_PROFILE)`;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return 'the web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)';
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return 'the container credentials endpoint';
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(homeDir, '.aws', 'credentials');
  if (profileHasCredentials(credentialsFile, ['default'])) return `the default profile in ${credentialsFile}`;
  const configFile = env.AWS_CONFIG_FILE ?? join(homeDir, '.aws', 'config');
  if (profileHasCredentials(configFile, ['default', 'profile default'])) return `the default profile in ${configFile}`;
  return undefined;
}
