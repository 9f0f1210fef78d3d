// Child: CLI start-up against a bare `node -e 0` on the same machine, as the users run it
// (`node bin/sparkify.js …`): `--help`, and `query "select 1"` on a local warehouse that `up` made
// first. Runs interleaved, several rounds, and reports the medians.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT, removeBenchFolder, writeBenchConfig } from './child-process.js';

export interface StartupRun {
  nodeMs: number;
  helpMs: number;
  queryMs: number;
  rounds: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timedRun(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-400)}`);
  return ms;
}

async function main(rounds: number): Promise<StartupRun> {
  const dir = mkdtempSync(join(tmpdir(), 'sparkify-bench-startup-'));
  try {
    const config = writeBenchConfig(join(PROJECT_ROOT, 'data', 's3'), dir);
    const cli = join(PROJECT_ROOT, 'bin', 'sparkify.js');
    timedRun([cli, '--config', config, 'up', '--yes']);
    const node: number[] = [];
    const help: number[] = [];
    const query: number[] = [];
    for (let k = 0; k < rounds; k++) {
      node.push(timedRun(['-e', '0']));
      help.push(timedRun([cli, '--help']));
      query.push(timedRun([cli, '--config', config, 'query', 'select 1']));
    }
    return { nodeMs: median(node), helpMs: median(help), queryMs: median(query), rounds };
  } finally {
    await removeBenchFolder(dir);
  }
}

process.stdout.write(JSON.stringify(await main(Number(process.argv[2] ?? 5))) + '\n');
