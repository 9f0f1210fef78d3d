// argv → a command and its flags. node:util parseArgs does the parsing; this adds the
// sparkify-specific meaning (which commands exist, which need confirmation).
import { parseArgs } from 'node:util';
import { UserError } from '../services/errors.js';
import { FaultSpecError, parseFaultSpec, type FaultSpec } from '../emulator/faults/index.js';

export const COMMANDS = ['wizard', 'up', 'tables', 'etl', 'run', 'status', 'query', 'down', 'emulator', 'generate', 'help'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface CliArgs {
  command: CommandName;
  /** Positional arguments after the command (the SQL of `query`). */
  rest: string[];
  config: string;
  target?: 'local' | 'aws';
  yes: boolean;
  json: boolean;
  dryRun: boolean;
  finalSnapshot?: string;
  port?: number;
  /** With emulator: the fault rules to inject (parsed and checked here). */
  faults?: FaultSpec;
}

export const USAGE = `Usage: sparkify [command] [options]

Commands:
  (none)           open the wizard (on a terminal), or print this help
  up               create the IAM role and the cluster, wait until it is available
  tables           drop and create the staging and star tables
  etl              load staging from S3 (COPY), insert the star tables, run the quality checks
  run              up + tables + etl
  status           what exists: role, cluster, tables and their row counts
  query "<SQL>"    run one SQL statement and print the result
  down             delete the cluster and the IAM role the tool created
  emulator         start (or find) the local service for STATE_DIR and show it until Ctrl-C
  emulator status|stop       show or stop the local service
  emulator connect|password  PostgreSQL connection details of the local cluster; its password
  generate         write Sparkify-shaped test data (--songs N --events M --out DIR; see generate --help)

Options:
  --config <path>          configuration file (default: dwh.cfg)
  --target local|aws       override [TARGET] NAME from the configuration
  --yes, -y                do not ask before destructive or billable steps
  --json                   print NDJSON events on stdout (one object per line)
  --dry-run                print the API calls and SQL it would run, change nothing
  --final-snapshot <id>    with down: keep a final snapshot of the cluster
  --port <n>               with emulator: port to listen on (default: any free port)
  --faults <spec>          with emulator: inject faults, e.g. throttle:redshift-data.*:0.3,5xx:iam.*:2
                           (kinds throttle, 5xx, slow, fail-create, fail-sql; see src/emulator/SPEC.md)
  --help, -h               this help`;

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'dwh.cfg' },
        target: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        json: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        'final-snapshot': { type: 'string' },
        port: { type: 'string' },
        faults: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new UserError((err as Error).message, 'Run "sparkify --help" for the list of options.');
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command = (values.help ? 'help' : (first ?? 'wizard')) as CommandName;
  if (!COMMANDS.includes(command)) {
    throw new UserError(`Unknown command "${first}".`, `Commands: ${COMMANDS.filter((c) => c !== 'wizard').join(', ')}.`);
  }
  if (values.target !== undefined && values.target !== 'local' && values.target !== 'aws') {
    throw new UserError(`--target must be "local" or "aws", got "${values.target}".`, 'Use --target local (the emulator) or --target aws.');
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UserError(`--port must be a number from 0 to 65535, got "${values.port}".`, 'Leave it out to pick a free port.');
  }
  let faults: FaultSpec | undefined;
  if (values.faults !== undefined) {
    if (command !== 'emulator') throw new UserError('--faults applies only to "sparkify emulator".', 'Serve a faulty emulator with "sparkify emulator --faults <spec>", then point sparkify at it with SPARKIFY_EMULATOR_ENDPOINT.');
    try {
      faults = parseFaultSpec(values.faults);
    } catch (err) {
      if (err instanceof FaultSpecError) throw new UserError(err.message, 'Fix the --faults value; rules are separated by commas.');
      throw err;
    }
  }
  if (command === 'query' && rest.length === 0) {
    throw new UserError('query needs the SQL to run.', 'Example: sparkify query "select count(*) from songplays"');
  }
  return {
    command,
    rest,
    config: values.config as string,
    target: values.target as CliArgs['target'],
    yes: values.yes as boolean,
    json: values.json as boolean,
    dryRun: values['dry-run'] as boolean,
    finalSnapshot: values['final-snapshot'] as string | undefined,
    port,
    ...(faults ? { faults } : {}),
  };
}
