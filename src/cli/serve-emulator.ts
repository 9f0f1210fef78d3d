// `sparkify emulator`: the local AWS on 127.0.0.1 until Ctrl-C, for other tools or a second shell.
import type { SparkifyConfig } from '../config/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { UserError } from '../services/errors.js';
import { emulatorDelaysFor } from '../workflow/target.js';
import type { Emit } from '../workflow/events.js';
import type { CliArgs } from './args.js';

/**
 * A port that cannot be had is the operator's to fix (another process holds it, or it needs
 * privileges), so it becomes a UserError; anything else is left to surface as a bug.
 */
function portError(err: unknown, port: number): UserError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    return new UserError(
      `Port ${port} on 127.0.0.1 is already in use.`,
      `Choose another port with --port <n> (or leave --port out to pick a free one), or stop the process that holds port ${port}.`,
    );
  }
  if (code === 'EACCES') {
    return new UserError(
      `Port ${port} on 127.0.0.1 cannot be opened: permission denied.`,
      'Choose a port above 1023 with --port <n>, or leave --port out to pick a free one.',
    );
  }
  return undefined;
}

async function start(config: SparkifyConfig, args: CliArgs): Promise<RunningEmulator> {
  const port = args.port ?? 0;
  try {
    return await startEmulator({
      port,
      stateDir: config.local.stateDir,
      s3Root: config.local.s3Root,
      region: config.aws.region,
      delays: emulatorDelaysFor(config),
      faults: args.faults,
      ...(args.account ? { account: args.account } : {}),
    });
  } catch (err) {
    throw portError(err, port) ?? err;
  }
}

export async function serveEmulator(config: SparkifyConfig, args: CliArgs, emit: Emit): Promise<number> {
  const emulator = await start(config, args);
  emit({ type: 'notice', level: 'info', message: `Emulator listening on ${emulator.endpoint} (IAM, Redshift, Redshift Data, STS, S3). Ctrl-C stops it.` });
  emit({ type: 'notice', level: 'info', message: `Point sparkify at it: SPARKIFY_EMULATOR_ENDPOINT=${emulator.endpoint}; the AWS CLI: AWS_ENDPOINT_URL=${emulator.endpoint}` });
  if (args.account) emit({ type: 'notice', level: 'info', message: `Modelling the account profile ${args.account}.` });
  if (args.faults?.length) emit({ type: 'notice', level: 'warn', message: `Injecting faults: ${args.faults.map((rule) => rule.text).join(', ')}` });
  process.stdout.write(emulator.endpoint + '\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
