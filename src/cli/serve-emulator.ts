// `sparkify emulator`: the local AWS on 127.0.0.1 until Ctrl-C, for other tools or a second shell.
import type { SparkifyConfig } from '../config/index.js';
import { startEmulator } from '../emulator/index.js';
import { emulatorDelaysFor } from '../workflow/target.js';
import type { Emit } from '../workflow/events.js';
import type { CliArgs } from './args.js';

export async function serveEmulator(config: SparkifyConfig, args: CliArgs, emit: Emit): Promise<number> {
  const emulator = await startEmulator({
    port: args.port ?? 0,
    stateDir: config.local.stateDir,
    s3Root: config.local.s3Root,
    region: config.aws.region,
    delays: emulatorDelaysFor(config),
    faults: args.faults,
  });
  emit({ type: 'notice', level: 'info', message: `Emulator listening on ${emulator.endpoint} (IAM, Redshift, Redshift Data, STS, S3). Ctrl-C stops it.` });
  emit({ type: 'notice', level: 'info', message: `Point sparkify at it: SPARKIFY_EMULATOR_ENDPOINT=${emulator.endpoint}; the AWS CLI: AWS_ENDPOINT_URL=${emulator.endpoint}` });
  if (args.faults?.length) emit({ type: 'notice', level: 'warn', message: `Injecting faults: ${args.faults.map((rule) => rule.text).join(', ')}` });
  process.stdout.write(emulator.endpoint + '\n');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}
