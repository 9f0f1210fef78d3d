// Entry point: argv → mode (interactive | plain | json) → the wizard or one subcommand.
// Only args.ts is loaded before the arguments are read; each command imports what it needs (the
// SDK, the emulator and DuckDB, ink and react) so `--help` and `--version` start in milliseconds.
// One exit point: every path ends in `main`'s return, the exit code (see EXIT below).
import { parseCliArgs, VersionRequested, type CliArgs, type CommandName } from './args.js';
import { commandUsage, usage } from './help.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { guardPipes } from './pipes.js';
import { printError } from './renderers/error-line.js';
import { readVersion } from './version.js';

// The SDK warns on every run that releases after January 2027 need Node 22; this tool targets the
// Node 20 its users have, so the warning is noise here (the README says so).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main(argv: string[]): Promise<number> {
  guardPipes();
  // generate has its own options and needs no config or target.
  if (argv[0] === 'generate') {
    const { runGenerateCommand } = await import('../generate/cli.js');
    return runGenerateCommand(argv.slice(1));
  }
  let args: CliArgs;
  try {
    args = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof VersionRequested) {
      process.stdout.write(`sparkify ${readVersion()}\n`);
      return EXIT.ok;
    }
    printError(err);
    return EXIT.usage;
  }
  if (args.command === 'help' || args.help) return printHelp(args);

  const { detectOutputMode } = await import('./renderers/detect-mode.js');
  const mode = detectOutputMode(args);
  if (args.command === 'wizard') {
    if (mode === 'interactive') return openWizard(args);
    // No command and no terminal: never fall through to `run` (a `sparkify --yes | tee log` would
    // build and bill a warehouse). The help says what to type instead.
    process.stderr.write(`sparkify: no command given, and the wizard needs a terminal (stdin and stdout); name a command.\n\n${usage()}\n`);
    return EXIT.usage;
  }
  const { runCommand } = await import('./run-command.js');
  return runCommand(args.command, args, mode);
}

function printHelp(args: CliArgs): number | Promise<number> {
  if (args.command === 'help' && args.rest[0] !== undefined) {
    try {
      // Parsing `<name> --help` validates the name with the same "did you mean" as a command.
      const named = parseCliArgs([args.rest[0], '--help']);
      if (named.command === 'generate') return runGenerateHelp();
      process.stdout.write(commandUsage(named.command as CommandName) + '\n');
      return EXIT.ok;
    } catch (err) {
      printError(err);
      return EXIT.usage;
    }
  }
  process.stdout.write((args.command === 'help' ? usage() : commandUsage(args.command)) + '\n');
  return EXIT.ok;
}

/** generate parses its own arguments, so it also prints its own help. */
async function runGenerateHelp(): Promise<number> {
  const { runGenerateCommand } = await import('../generate/cli.js');
  return runGenerateCommand(['--help']);
}

async function openWizard(args: CliArgs): Promise<number> {
  // The wizard reads dwh.cfg itself, so a bad file is shown on its Config screen with the fix.
  const [{ renderWizard }, { ReloadingWorkflow }, { teardownCommandFor }] = await Promise.all([
    import('../app.js'),
    import('../workflow/reloading-workflow.js'),
    import('../state/wizard.js'),
  ]);
  try {
    const teardownCommand = teardownCommandFor({ config: args.config, target: args.target });
    const summary = await renderWizard(new ReloadingWorkflow(args.config, { dryRun: args.dryRun, targetOverride: args.target }), { teardownCommand });
    return summary.reason === 'crashed' ? EXIT.failed : summary.reason === 'interrupted' ? EXIT.interrupted : EXIT.ok;
  } catch (err) {
    printError(err);
    return exitCodeFor(err);
  }
}

process.exitCode = await main(process.argv.slice(2));
