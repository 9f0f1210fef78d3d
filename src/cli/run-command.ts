// One non-interactive command: config → (confirmation) → warehouse → handler → the `result` object.
// Loaded only after the arguments are read, so --help never pays for the SDK or DuckDB.
import { setMaxListeners } from 'node:events';
import { loadConfig, type LoadedConfig, type SparkifyConfig } from '../config/index.js';
import { UserError } from '../services/errors.js';
import { redactText } from '../services/redact.js';
import { teardownCommandFor } from '../state/wizard.js';
import { MAX_CONCURRENT_WAITS, type Emit } from '../workflow/events.js';
import { openWarehouse, type Warehouse } from '../workflow/warehouse.js';
import type { CliArgs, CommandName } from './args.js';
import { checkSources } from './check-sources.js';
import { doctorCommand, pauseCommand, policyCommand } from './doctor-command.js';
import { downCommand, etlCommand, queryCommand, runCommand as runAllCommand, statusCommand, tablesCommand, upCommand, type CommandResult } from './commands.js';
import { askToContinue, ConfirmationRefused, confirmationNeeded, refusal, describeTeardown } from './confirm.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { createJsonRenderer, writeResult } from './renderers/json-renderer.js';
import { createPlainRenderer, writeClosingLine } from './renderers/plain-renderer.js';
import { installRequestLog } from './request-log.js';
import type { OutputMode } from './renderers/detect-mode.js';

export interface CommandContext {
  warehouse: Warehouse;
  args: CliArgs;
  emit: Emit;
  signal: AbortSignal;
}

/** The commands that work on the warehouse. A new one is one entry here (and one in args.ts COMMAND_SPECS). */
const HANDLERS: Partial<Record<CommandName, (ctx: CommandContext) => Promise<CommandResult>>> = {
  up: ({ warehouse, emit, signal }) => upCommand(warehouse, emit, signal),
  tables: ({ warehouse, emit, signal }) => tablesCommand(warehouse, emit, signal),
  etl: ({ warehouse, emit, signal }) => etlCommand(warehouse, emit, signal),
  run: ({ warehouse, emit, signal }) => runAllCommand(warehouse, emit, signal),
  status: ({ warehouse, emit }) => statusCommand(warehouse, emit),
  query: ({ warehouse, args, emit, signal }) => queryCommand(warehouse, args, emit, signal),
  down: ({ warehouse, args, emit, signal }) => downCommand(warehouse, args, emit, signal),
  doctor: ({ warehouse, args }) => doctorCommand(warehouse, args),
  policy: ({ warehouse }) => policyCommand(warehouse),
  pause: ({ warehouse, emit, signal }) => pauseCommand(warehouse, 'pause', emit, signal),
  resume: ({ warehouse, emit, signal }) => pauseCommand(warehouse, 'resume', emit, signal),
};

/**
 * Commands that need the configuration but no warehouse (nothing is opened, no emulator started):
 * one entry each, like HANDLERS.
 */
const CONFIG_HANDLERS: Partial<Record<CommandName, (config: SparkifyConfig, args: CliArgs, emit: Emit) => Promise<CommandResult>>> = {};

/** Commands that read the S3 sources: a missing prefix is caught before anything is created. */
const READS_SOURCES: ReadonlySet<CommandName> = new Set(['up', 'run', 'etl']);

export async function runCommand(command: CommandName, args: CliArgs, mode: OutputMode): Promise<number> {
  const emit = mode === 'json' ? createJsonRenderer() : createPlainRenderer();
  const started = Date.now();
  /** target and region, once the configuration is read. */
  let where: Record<string, unknown> = {};
  const finish = (ok: boolean, exitCode: number, fields: Record<string, unknown> = {}) => {
    const result = { type: 'result' as const, command, ok, exitCode, dryRun: args.dryRun, elapsedMs: Date.now() - started, ...where, ...fields };
    if (mode === 'json') writeResult(result);
    else writeClosingLine(result);
    return exitCode;
  };
  const fail = (err: unknown, code: number) => {
    emitError(err, emit);
    return finish(false, code, { error: errorFields(err) });
  };

  let loaded: LoadedConfig;
  try {
    loaded = loadConfig(args.config, args.target ? { target: args.target } : {});
  } catch (err) {
    return fail(withConfigFlag(err, args), exitCodeFor(err));
  }
  const { config, warnings } = loaded;
  if (args.target) config.target = args.target;
  where = { target: config.target, region: config.aws.region };
  for (const message of warnings) emit({ type: 'notice', level: 'warn', message });
  if (args.verbose) installRequestLog();
  if (command === 'emulator') {
    try {
      const { serveEmulator } = await import('./serve-emulator.js');
      return await serveEmulator(config, args, emit);
    } catch (err) {
      return fail(err, exitCodeFor(err));
    }
  }
  const configHandler = CONFIG_HANDLERS[command];
  if (configHandler) {
    try {
      const result = await configHandler(config, args, emit);
      return finish(result.ok, result.ok ? EXIT.ok : EXIT.failed, result.fields);
    } catch (err) {
      return fail(withConfigFlag(err, args), exitCodeFor(err));
    }
  }
  const handler = HANDLERS[command];
  if (!handler) throw new Error(`no handler for command ${command}`);

  let warehouse: Warehouse | undefined;
  const abort = new AbortController();
  // One signal serves every statement of a step at once (12 quality checks, each polling); Node's
  // default of 10 listeners would print a leak warning that is none.
  setMaxListeners(MAX_CONCURRENT_WAITS, abort.signal);
  const teardownCommand = teardownCommandFor({ config: args.configGiven ? args.config : undefined, target: args.target });
  const onSignal = () =>
    abort.abort(new UserError('Interrupted.', `Nothing is lost: the state file is kept. Run the same command again to resume, or \`${teardownCommand}\` to remove what was created.`));
  try {
    const need = confirmationNeeded(command, config.target);
    // The question goes to stderr, so it can be asked on a terminal in either human mode; --json is for scripts.
    const interactive = mode !== 'json';
    // Refuse before opening anything (the local target would start the emulator and write state).
    const refused = need && refusal(args, command, need, interactive);
    if (refused) throw refused;
    warehouse = await openWarehouse(config, {
      warnings,
      dryRun: args.dryRun,
      verifySources: args.verifySources,
      ignoreDoctor: args.ignoreDoctor,
      // An account profile shapes a private emulator: the shared local service models the default account.
      ...(args.account ? { emulatorAccount: args.account, localMode: 'in-process' as const } : {}),
    });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    if (READS_SOURCES.has(command)) await checkSources(warehouse, config, { emit, signal: abort.signal, configFlag: args.configGiven ? args.config : undefined });
    if (need && !args.yes && !args.dryRun) {
      const question = command === 'down' ? describeTeardown(await warehouse.teardownPlan(), config) : `sparkify ${command} ${need.reason}`;
      if (question) await askToContinue(question);
    }
    const result = await handler({ warehouse, args, emit, signal: abort.signal });
    // Work that ended anyway after Ctrl-C (a step that finished as it came) is still reported as interrupted.
    abort.signal.throwIfAborted();
    return finish(result.ok, result.ok ? EXIT.ok : EXIT.failed, result.fields);
  } catch (err) {
    if (err instanceof ConfirmationRefused) {
      process.stderr.write(err.message + '\n');
      if (mode === 'json') writeResult({ type: 'result', command, ok: false, exitCode: EXIT.usage, dryRun: args.dryRun, elapsedMs: Date.now() - started, ...where, error: { message: err.message, kind: 'ConfirmationRefused' } });
      return EXIT.usage;
    }
    if (abort.signal.aborted) return fail(abort.signal.reason, EXIT.interrupted);
    return fail(withConfigFlag(err, args), exitCodeFor(err));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await warehouse?.close().catch(() => {});
  }
}

/** A UserError is shown as message + hint; anything else is a bug and keeps its stack. */
function emitError(err: unknown, emit: Emit): void {
  if (err instanceof UserError) {
    emit({ type: 'error', message: err.message, hint: err.hint });
    return;
  }
  const e = err as Error;
  emit({ type: 'error', message: `Unexpected error: ${e?.message ?? String(err)}`, hint: 'This is a bug in sparkify; please report it with the stack below.' });
  process.stderr.write(redactText(e?.stack ?? String(err)) + '\n');
}

function errorFields(err: unknown): { message: string; hint?: string; kind: string } {
  if (err instanceof UserError) return { message: err.message, ...(err.hint ? { hint: err.hint } : {}), kind: err.name };
  return { message: String((err as Error)?.message ?? err), kind: 'bug' };
}

/**
 * Hints that say "run sparkify <command>" must repeat --config when one was given, or the operator
 * runs the advice against the wrong file.
 */
function withConfigFlag(err: unknown, args: CliArgs): unknown {
  if (!(err instanceof UserError) || !err.hint || !args.configGiven) return err;
  const flag = `--config ${/^[\w./-]+$/.test(args.config) ? args.config : `'${args.config.replace(/'/g, `'\\''`)}'`}`;
  if (err.hint.includes('--config')) return err;
  const hint = err.hint.replace(/(`?sparkify (?:up|tables|etl|run|status|query|down)\b)/g, `$1 ${flag}`);
  if (hint === err.hint) return err;
  const copy = new UserError(err.message, hint);
  copy.name = err.name;
  return copy;
}
