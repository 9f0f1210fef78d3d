// `sparkify emulator`: the STATE_DIR's shared local service (started if needed) shown until Ctrl-C;
// `emulator status|stop` show and stop it; with --port or --faults, a private emulator in the
// foreground instead (faults and a fixed port are per instance).
import type { SparkifyConfig } from '../config/index.js';
import { startEmulator, type RunningEmulator } from '../emulator/index.js';
import { findLocalService, probe, stopLocalService } from '../emulator/service/local-service.js';
import { recordPath } from '../emulator/service/service-files.js';
import { UserError } from '../services/errors.js';
import { emulatorDelaysFor, localModeOf, openLocalService } from '../workflow/target.js';
import type { Emit } from '../workflow/events.js';
import type { CliArgs } from './args.js';
import { connectCommand, passwordCommand } from './connection-details.js';

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

const untilSignal = () =>
  new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });

function describeService(record: { pid: number; port: number; pgPort?: number; startedAt: string; idleMs: number }): string {
  const pg = record.pgPort ? `, PostgreSQL on 127.0.0.1:${record.pgPort}` : '';
  return `Local service on http://127.0.0.1:${record.port}${pg} (pid ${record.pid}, since ${record.startedAt}, stops after ${Math.round(record.idleMs / 60_000 * 10) / 10} min idle)`;
}

async function serviceCommand(config: SparkifyConfig, verb: string, emit: Emit): Promise<number> {
  const { stateDir } = config.local;
  if (verb === 'status') {
    const found = await findLocalService(stateDir);
    if (!found) {
      emit({ type: 'notice', level: 'info', message: `No local service runs for ${stateDir}; the next sparkify command on the local target starts one.` });
      return 0;
    }
    const health = await probe(found.record);
    const idleFor = typeof health?.idleForMs === 'number' ? `, idle ${Math.round(health.idleForMs / 1000)} s` : '';
    emit({ type: 'notice', level: 'info', message: `${describeService(found.record)}${idleFor}. Its access key id (secret) is in ${recordPath(stateDir)}.` });
    process.stdout.write(found.endpoint + '\n');
    return 0;
  }
  if (verb === 'stop') {
    const stopped = await stopLocalService(stateDir);
    emit({ type: 'notice', level: 'info', message: stopped ? `Stopped the local service (pid ${stopped.pid}) for ${stateDir}.` : `No local service runs for ${stateDir}; nothing to stop.` });
    return 0;
  }
  if (verb === 'connect' || verb === 'password') {
    if (localModeOf() !== 'shared') throw new UserError(`sparkify emulator ${verb} needs the shared local service.`, 'Unset SPARKIFY_LOCAL_SERVICE (it is "in-process").');
    return verb === 'connect' ? connectCommand(config, emit) : passwordCommand(config);
  }
  throw new UserError(`Unknown emulator command "${verb}".`, 'Use `sparkify emulator` (serve), `sparkify emulator status|stop|connect|password`.');
}

export async function serveEmulator(config: SparkifyConfig, args: CliArgs, emit: Emit): Promise<number> {
  const verb = args.rest[0];
  if (verb !== undefined) return serviceCommand(config, verb, emit);
  if (args.port === undefined && !args.faults?.length && localModeOf() === 'shared') {
    const service = await openLocalService(config);
    emit({ type: 'notice', level: 'info', message: `${describeService(service.record)}. Ctrl-C leaves it running; \`sparkify emulator stop\` stops it.` });
    emit({ type: 'notice', level: 'info', message: `The AWS CLI: AWS_ENDPOINT_URL=${service.endpoint}, with the access key id from ${recordPath(config.local.stateDir)} ("secret").` });
    process.stdout.write(service.endpoint + '\n');
    const heartbeat = setInterval(() => void probe(service.record), Math.max(100, Math.min(60_000, Math.floor(service.record.idleMs / 3))));
    await untilSignal();
    clearInterval(heartbeat);
    return 0;
  }
  const running = await findLocalService(config.local.stateDir);
  if (running) {
    throw new UserError(
      `The local service (pid ${running.record.pid}) already serves ${config.local.stateDir}, and a second emulator cannot open its databases.`,
      'Stop it first with `sparkify emulator stop`, or give this emulator its own STATE_DIR.',
    );
  }
  const emulator = await start(config, args);
  emit({ type: 'notice', level: 'info', message: `Emulator listening on ${emulator.endpoint} (IAM, Redshift, Redshift Data, STS, S3). Ctrl-C stops it.` });
  emit({ type: 'notice', level: 'info', message: `Point sparkify at it: SPARKIFY_EMULATOR_ENDPOINT=${emulator.endpoint}; the AWS CLI: AWS_ENDPOINT_URL=${emulator.endpoint}` });
  if (args.account) emit({ type: 'notice', level: 'info', message: `Modelling the account profile ${args.account}.` });
  if (args.faults?.length) emit({ type: 'notice', level: 'warn', message: `Injecting faults: ${args.faults.map((rule) => rule.text).join(', ')}` });
  process.stdout.write(emulator.endpoint + '\n');
  await untilSignal();
  await emulator.close();
  return 0;
}
