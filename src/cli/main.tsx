// Entry point: argv → mode (interactive | plain | json) → the wizard or one subcommand.
// One exit point: every path ends in `finish`, which sets the exit code (0 ok, 1 failed, 2 refused, 130 interrupted).
import { setMaxListeners } from 'node:events';
import { loadConfig } from '../config/index.js';
import { UserError } from '../services/errors.js';
import { teardownCommandFor } from '../state/wizard.js';
import { MAX_CONCURRENT_WAITS } from '../workflow/events.js';
import { ReloadingWorkflow } from '../workflow/reloading-workflow.js';
import { openWarehouse, type Warehouse } from '../workflow/warehouse.js';
import type { Emit } from '../workflow/events.js';
import { parseCliArgs, USAGE, type CliArgs } from './args.js';
import { downCommand, etlCommand, queryCommand, runCommand, statusCommand, tablesCommand, upCommand, type CommandResult } from './commands.js';
import { ConfirmationRefused, confirmationNeeded, confirmOrRefuse } from './confirm.js';
import { serveEmulator } from './serve-emulator.js';
import { doctorCommand, pauseCommand, policyCommand } from './doctor-command.js';
import { detectOutputMode, type OutputMode } from './renderers/detect-mode.js';
import { createJsonRenderer } from './renderers/json-renderer.js';
import { createPlainRenderer } from './renderers/plain-renderer.js';
import { redactText } from '../services/redact.js';

// The SDK warns on every run that releases after January 2027 need Node 22; this tool targets the
// Node 20 its users have, so the warning is noise here (the README says so).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_REFUSED = 2;
/** The shell's code for a program ended by SIGINT (128 + 2), also when it stopped cleanly on Ctrl-C. */
const EXIT_INTERRUPTED = 130;

async function main(argv: string[]): Promise<number> {
  // generate has its own options and needs no config or target.
  if (argv[0] === 'generate') {
    const { runGenerateCommand } = await import('../generate/cli.js');
    return runGenerateCommand(argv.slice(1));
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    return reportError(err, createPlainRenderer(), EXIT_REFUSED);
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE + '\n');
    return EXIT_OK;
  }
  const mode: OutputMode = detectOutputMode(args);
  const emit = mode === 'json' ? createJsonRenderer() : createPlainRenderer();

  let warehouse: Warehouse | undefined;
  const abort = new AbortController();
  // One signal serves every statement of a step at once (12 quality checks, each polling); Node's
  // default of 10 listeners would print a leak warning that is none.
  setMaxListeners(MAX_CONCURRENT_WAITS, abort.signal);
  const teardownCommand = teardownCommandFor({ config: args.config, target: args.target });
  const onSignal = () =>
    abort.abort(new UserError('Interrupted.', `Nothing is lost: the state file is kept. Run the same command again to resume, or \`${teardownCommand}\` to remove what was created.`));
  try {
    if (args.command === 'wizard' && mode === 'interactive') {
      // The wizard reads dwh.cfg itself, so a bad file is shown on its Config screen with the fix.
      const { renderWizard } = await import('../app.js');
      const summary = await renderWizard(new ReloadingWorkflow(args.config, { dryRun: args.dryRun, targetOverride: args.target }), { teardownCommand });
      return summary.reason === 'crashed' ? EXIT_FAILED : summary.reason === 'interrupted' ? EXIT_INTERRUPTED : EXIT_OK;
    }
    const { config, warnings } = loadConfig(args.config);
    if (args.target) config.target = args.target;
    for (const message of warnings) emit({ type: 'notice', level: 'warn', message });
    if (args.command === 'emulator') return await serveEmulator(config, args, emit);

    // Without a terminal the wizard's job is done as plain lines: the same steps as `run`.
    const command = args.command === 'wizard' ? 'run' : args.command;
    const need = confirmationNeeded(command, config.target);
    // The question goes to stderr, so it can be asked on a terminal in either human mode; --json is for scripts.
    if (need) await confirmOrRefuse(args, command, need, mode !== 'json');
    warehouse = await openWarehouse(config, { warnings, dryRun: args.dryRun, ignoreDoctor: args.ignoreDoctor, emulatorAccount: args.account });
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    const result = await dispatch(command, warehouse, args, emit, abort.signal);
    // Work that ended anyway after Ctrl-C (a step that finished as it came) is still reported as interrupted.
    abort.signal.throwIfAborted();
    return result.ok ? EXIT_OK : EXIT_FAILED;
  } catch (err) {
    if (err instanceof ConfirmationRefused) {
      process.stderr.write(err.message + '\n');
      return EXIT_REFUSED;
    }
    if (abort.signal.aborted) return reportError(abort.signal.reason, emit, EXIT_INTERRUPTED);
    return reportError(err, emit, EXIT_FAILED);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await warehouse?.close().catch(() => {});
  }
}

function dispatch(command: CliArgs['command'], workflow: Warehouse, args: CliArgs, emit: Emit, signal: AbortSignal): Promise<CommandResult> {
  switch (command) {
    case 'up':
      return upCommand(workflow, emit, signal);
    case 'tables':
      return tablesCommand(workflow, emit, signal);
    case 'etl':
      return etlCommand(workflow, emit, signal);
    case 'run':
      return runCommand(workflow, emit, signal);
    case 'status':
      return statusCommand(workflow, emit);
    case 'query':
      return queryCommand(workflow, args, emit, signal);
    case 'down':
      return downCommand(workflow, args, emit, signal);
    case 'doctor':
      return doctorCommand(workflow, args);
    case 'policy':
      return policyCommand(workflow);
    case 'pause':
    case 'resume':
      return pauseCommand(workflow, command, emit, signal);
    default:
      throw new Error(`no handler for command ${command}`);
  }
}

/** A UserError is shown as message + hint; anything else is a bug and keeps its stack. */
function reportError(err: unknown, emit: Emit, code: number): number {
  if (err instanceof UserError) {
    emit({ type: 'error', message: err.message, hint: err.hint });
    return code;
  }
  const e = err as Error;
  emit({ type: 'error', message: `Unexpected error: ${e?.message ?? String(err)}`, hint: 'This is a bug in sparkify; please report it with the stack below.' });
  process.stderr.write(redactText(e?.stack ?? String(err)) + '\n');
  return code;
}

process.exitCode = await main(process.argv.slice(2));
