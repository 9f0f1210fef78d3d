// argv → a command and its flags. node:util parseArgs does the parsing; the tables below say which
// commands exist, what each accepts and what its --help prints. Adding a command is one COMMAND_SPECS
// entry (plus its handler in run-command.ts, HANDLERS or CONFIG_HANDLERS); adding a flag is one OPTION_SPECS entry named by the commands
// that take it. This file must stay cheap to import: it runs before anything else is loaded.
import { parseArgs } from 'node:util';
import { closest } from '../config/spelling.js';
import { UserError } from '../services/errors.js';
// fault-spec.ts imports nothing: parsing --faults here keeps every usage error in one place.
import { FaultSpecError, parseFaultSpec, type FaultSpec } from '../emulator/faults/fault-spec.js';
// profiles.ts imports only types: the account names are checked here like every other usage error.
import { ACCOUNT_PROFILE_NAMES, findAccountProfile, type AccountProfileName } from '../emulator/accounts/profiles.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** The value's placeholder in help, for string options. */
  value?: string;
  summary: string;
}

/** Every flag the CLI knows. A flag is accepted only by the commands that list it (or GLOBAL_OPTIONS). */
export const OPTION_SPECS = {
  config: { type: 'string', value: '<path>', summary: 'configuration file (default: dwh.cfg)' },
  target: { type: 'string', value: 'local|aws', summary: 'override [TARGET] NAME from the configuration' },
  json: { type: 'boolean', summary: 'print NDJSON events on stdout, ending in one "result" object' },
  verbose: { type: 'boolean', short: 'v', summary: 'log every AWS request and SQL statement sent (stderr)' },
  help: { type: 'boolean', short: 'h', summary: 'help for sparkify or for the command' },
  version: { type: 'boolean', summary: 'print the version and exit' },
  yes: { type: 'boolean', short: 'y', summary: 'do not ask before destructive or billable steps' },
  'dry-run': { type: 'boolean', summary: 'print the API calls and SQL it would run, change nothing' },
  'verify-sources': { type: 'boolean', summary: 'read every source object to count its records (one GET each on AWS)' },
  'final-snapshot': { type: 'string', value: '<id>', summary: 'keep a final snapshot of the cluster under this id' },
  port: { type: 'string', value: '<n>', summary: 'port to listen on (default: any free port)' },
  account: { type: 'string', value: '<profile>', summary: `local target / emulator: model an AWS account shape (${ACCOUNT_PROFILE_NAMES.join(', ')})` },
  'ignore-doctor': { type: 'boolean', summary: 'go on even if "sparkify doctor" finds a failing check' },
  faults: {
    type: 'string',
    value: '<spec>',
    summary: 'inject faults, e.g. throttle:redshift-data.*:0.3,5xx:iam.*:2 (kinds throttle, 5xx, slow, fail-create, fail-sql; see src/emulator/SPEC.md)',
  },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTION_SPECS;

/** Accepted by every command. */
export const GLOBAL_OPTIONS: readonly OptionName[] = ['config', 'target', 'json', 'verbose', 'help', 'account'];

export interface PositionalSpec {
  name: string;
  required?: boolean;
  /** Takes every remaining word (the SQL of `query`). */
  variadic?: boolean;
  /** The only values allowed (a sub-command such as `emulator status`). */
  choices?: readonly string[];
}

export interface CommandSpec {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Flags beyond GLOBAL_OPTIONS. */
  options: readonly OptionName[];
  positionals?: readonly PositionalSpec[];
  /** More lines for `sparkify <command> --help`. */
  details?: string;
  examples?: readonly string[];
  /** Parses its own arguments (generate); sparkify only routes to it. */
  ownParser?: boolean;
  /** Not listed under Commands (the wizard is "no command"). */
  hidden?: boolean;
}

export const COMMAND_SPECS = [
  {
    name: 'wizard',
    summary: 'the interactive wizard (what plain `sparkify` opens on a terminal)',
    options: ['dry-run'],
    hidden: true,
  },
  {
    name: 'up',
    summary: 'create the IAM role and the cluster, wait until it is available',
    options: ['yes', 'dry-run', 'ignore-doctor'],
    details: 'Runs the doctor\'s checks first (S3 sources, permissions, network), so nothing is created for a run that would fail.',
    examples: ['sparkify up --target aws --yes'],
  },
  { name: 'tables', summary: 'drop and create the staging and star tables', options: ['yes', 'dry-run'] },
  {
    name: 'etl',
    summary: 'load staging from S3 (COPY), insert the star tables, run the quality checks',
    options: ['yes', 'dry-run', 'verify-sources'],
  },
  { name: 'run', summary: 'up + tables + etl', options: ['yes', 'dry-run', 'verify-sources', 'ignore-doctor'], examples: ['sparkify run --yes', 'sparkify run --dry-run'] },
  { name: 'status', summary: 'what exists: role, cluster, tables and their row counts', options: [], examples: ['sparkify status --json'] },
  {
    name: 'query',
    summary: 'run one SQL statement and print the result',
    options: [],
    positionals: [{ name: 'SQL', required: true, variadic: true }],
    examples: ['sparkify query "select count(*) from songplays"', 'sparkify query --json "select * from users limit 5"'],
  },
  {
    name: 'down',
    summary: 'delete the cluster and the IAM role the tool created',
    options: ['yes', 'dry-run', 'final-snapshot'],
    details: 'Only resources tagged as created by sparkify are deleted; the prompt names each one.',
    examples: ['sparkify down --dry-run', 'sparkify down --yes --final-snapshot sparkify-final'],
  },
  {
    name: 'emulator',
    summary: 'start (or find) the local service for STATE_DIR and show it until Ctrl-C; status|stop show or stop it; connect|password: the local cluster\'s PostgreSQL connection details and its password',
    options: ['port', 'faults'],
    positionals: [{ name: 'action', choices: ['status', 'stop', 'connect', 'password'] }],
    examples: ['sparkify emulator --port 4566', 'sparkify emulator --faults throttle:redshift-data.*:0.3'],
  },
  {
    name: 'doctor',
    summary: 'check the account before anything is billed: identity, permissions, sources and their region, network, existing role/cluster, cost (exit 1 if a check fails)',
    options: [],
    examples: ['sparkify doctor --target aws', 'sparkify doctor --json'],
  },
  { name: 'policy', summary: 'print the least-privilege IAM policy (JSON) the operator needs for dwh.cfg', options: [], examples: ['sparkify policy > sparkify-operator-policy.json'] },
  { name: 'pause', summary: 'pause the cluster (RA3 then bills only storage)', options: ['yes'] },
  { name: 'resume', summary: 'resume a paused cluster', options: ['yes'] },
  {
    name: 'generate',
    summary: 'write Sparkify-shaped test data (--songs N --events M --out DIR; see generate --help)',
    options: [],
    ownParser: true,
  },
  {
    name: 'help',
    summary: 'this help, or a command\'s: sparkify help <command>',
    options: [],
    positionals: [{ name: 'command' }],
  },
] as const satisfies readonly CommandSpec[];

export type CommandName = (typeof COMMAND_SPECS)[number]['name'];
export const COMMANDS: readonly CommandName[] = COMMAND_SPECS.map((c) => c.name);

export function commandSpec(name: string): CommandSpec | undefined {
  return (COMMAND_SPECS as readonly CommandSpec[]).find((c) => c.name === name);
}

export interface CliArgs {
  command: CommandName;
  /** True when argv named no command (plain `sparkify`): the wizard on a terminal, the help otherwise. */
  implicit: boolean;
  /** Positional arguments after the command (the SQL of `query`). */
  rest: string[];
  config: string;
  /** True when --config was given (error hints then repeat it). */
  configGiven: boolean;
  target?: 'local' | 'aws';
  yes: boolean;
  json: boolean;
  verbose: boolean;
  dryRun: boolean;
  /** --help with a command: print that command's help. */
  help: boolean;
  /** The emulator's account profile (local target and `emulator`), e.g. no-default-vpc. */
  account?: AccountProfileName;
  /** Run billable steps even when the doctor finds a failing check. */
  ignoreDoctor?: boolean;
  /** --verify-sources: count every source object's records (one GET each on AWS). */
  verifySources: boolean;
  finalSnapshot?: string;
  port?: number;
  /** With emulator: the fault rules to inject (parsed and checked here). */
  faults?: FaultSpec;
  /** Every flag as parsed, for commands whose flags have no field above. */
  options: Partial<Record<OptionName, string | boolean>>;
}

/** `--version`: answered before anything else is parsed. */
export class VersionRequested extends Error {}

const usageError = (message: string, command?: string) =>
  new UserError(message, command ? `Run "sparkify ${command} --help" for its arguments and options.` : 'Run "sparkify --help" for the commands and options.');

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(OPTION_SPECS).map(([name, spec]) => [name, { type: spec.type, ...('short' in spec ? { short: spec.short } : {}) }])),
    });
  } catch (err) {
    throw usageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const values = parsed.values as Partial<Record<OptionName, string | boolean>>;
  const { positionals } = parsed;
  if (values.version) throw new VersionRequested();
  const [first, ...rest] = positionals;
  const spec = first === undefined ? commandSpec('wizard')! : commandSpec(first);
  if (!spec || (spec.hidden && first !== undefined)) {
    const suggestion = first ? closest(first, COMMANDS.filter((c) => !commandSpec(c)!.hidden)) : undefined;
    throw new UserError(
      `Unknown command "${first}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      `Commands: ${COMMANDS.filter((c) => !commandSpec(c)!.hidden).join(', ')}. Run "sparkify --help" for what each does.`,
    );
  }
  const command = spec.name as CommandName;
  // Help is answered before checking the rest, so `sparkify query --help` works without SQL.
  if (!values.help) checkArguments(spec, values, rest);

  if (typeof values.account === 'string' && !findAccountProfile(values.account)) {
    throw new UserError(`Unknown account profile "${values.account}".`, `Profiles: ${ACCOUNT_PROFILE_NAMES.join(', ')}.`);
  }
  if (values.config === '') throw usageError('--config needs a file path, but was given an empty string.');
  if (values.target !== undefined && values.target !== 'local' && values.target !== 'aws') {
    throw new UserError(`--target must be "local" or "aws", got "${values.target}".`, 'Use --target local (the emulator) or --target aws.');
  }
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!/^\d+$/.test(String(values.port)) || port > 65535)) {
    throw new UserError(`--port must be a number from 0 to 65535, got "${values.port}".`, 'Leave it out to pick a free port.');
  }
  let faults: FaultSpec | undefined;
  if (values.faults !== undefined) {
    try {
      faults = parseFaultSpec(values.faults as string);
    } catch (err) {
      if (err instanceof FaultSpecError) throw new UserError(err.message, 'Fix the --faults value; rules are separated by commas.');
      throw err;
    }
  }
  return {
    command,
    implicit: first === undefined,
    rest,
    config: (values.config as string | undefined) ?? 'dwh.cfg',
    configGiven: values.config !== undefined,
    target: values.target as CliArgs['target'],
    yes: values.yes === true,
    json: values.json === true,
    verbose: values.verbose === true,
    dryRun: values['dry-run'] === true,
    help: values.help === true,
    verifySources: values['verify-sources'] === true,
    ...(values.account !== undefined ? { account: values.account as AccountProfileName } : {}),
    ...(values['ignore-doctor'] === true ? { ignoreDoctor: true } : {}),
    finalSnapshot: values['final-snapshot'] as string | undefined,
    port,
    ...(faults ? { faults } : {}),
    options: values,
  };
}

/** Flags the command does not take and positionals it does not expect are errors, not ignored. */
function checkArguments(spec: CommandSpec, values: Partial<Record<OptionName, unknown>>, rest: string[]): void {
  const allowed = new Set<OptionName>([...GLOBAL_OPTIONS, ...spec.options]);
  for (const name of Object.keys(values) as OptionName[]) {
    if (allowed.has(name)) continue;
    const users = (COMMAND_SPECS as readonly CommandSpec[]).filter((c) => !c.hidden && c.options.includes(name)).map((c) => `"sparkify ${c.name}"`);
    const here = spec.name === 'wizard' ? 'without a command' : `to "sparkify ${spec.name}"`;
    throw usageError(`--${name} applies only to ${users.join(', ')}, not ${here}.`, spec.name === 'wizard' ? undefined : spec.name);
  }
  if (spec.ownParser) return;
  const expected = spec.positionals ?? [];
  expected.forEach((p, i) => {
    const given = p.variadic ? rest.slice(i) : rest[i] === undefined ? [] : [rest[i]];
    if (p.required && given.length === 0) throw usageError(`"sparkify ${spec.name}" needs the ${p.name} argument.${spec.examples?.[0] ? ` Example: ${spec.examples[0]}` : ''}`, spec.name);
    if (p.choices && given.length > 0 && !p.choices.includes(given[0])) {
      throw usageError(`"sparkify ${spec.name}" takes ${p.choices.map((c) => `"${c}"`).join(' or ')} as ${p.name}, got "${given[0]}".`, spec.name);
    }
  });
  const max = expected.some((p) => p.variadic) ? Infinity : expected.length;
  if (rest.length > max) {
    const extra = rest.slice(max).map((a) => `"${a}"`).join(' ');
    const name = spec.name === 'wizard' ? 'sparkify' : `"sparkify ${spec.name}"`;
    throw usageError(`${name} takes ${max === 0 ? 'no arguments' : `at most ${max} argument${max === 1 ? '' : 's'}`}; unexpected ${extra}.`, spec.name === 'wizard' ? undefined : spec.name);
  }
}
