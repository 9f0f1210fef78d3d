// Finding the third-party clients the conformance tests drive: boto3 (pyenv's python3 or Debian's)
// and the AWS CLI. .ci/run installs them when missing; a test skips only if they truly are absent.
import { spawnSync } from 'node:child_process';

export function pythonWithBoto3(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import boto3'], { stdio: 'ignore' });
    if (r.status === 0) return python;
  }
  return undefined;
}

export function awsCli(): string | undefined {
  return spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0 ? 'aws' : undefined;
}

/** Environment for a client: dummy credentials, a region, no config files of the person running the tests. */
export function clientEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env, AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_DEFAULT_REGION: 'us-west-2', AWS_REGION: 'us-west-2',
    AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true',
  };
}
