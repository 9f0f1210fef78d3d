// What `sparkify --help` and `sparkify <command> --help` print, rendered from the tables in args.ts.
import { COMMAND_SPECS, commandSpec, GLOBAL_OPTIONS, OPTION_SPECS, type CommandName, type CommandSpec, type OptionName, type OptionSpec, type PositionalSpec } from './args.js';

const optionLine = (name: OptionName) => {
  const spec: OptionSpec = OPTION_SPECS[name];
  const left = `--${name}${spec.short ? `, -${spec.short}` : ''}${spec.value ? ` ${spec.value}` : ''}`;
  return `  ${left.padEnd(25)}${spec.summary}`;
};

const positionalUsage = (p: PositionalSpec) => {
  const text = p.choices ? p.choices.join('|') : `<${p.name}>`;
  return p.required ? text : `[${text}]`;
};

/** `sparkify --help`. */
export function usage(): string {
  const listed = (COMMAND_SPECS as readonly CommandSpec[]).filter((c) => !c.hidden);
  const label = (c: CommandSpec) => [c.name, ...(c.positionals ?? []).map(positionalUsage)].join(' ');
  const width = Math.max(...listed.map((c) => label(c).length)) + 2;
  const perCommand = [...new Set(listed.flatMap((c) => c.options))].filter((o) => !GLOBAL_OPTIONS.includes(o));
  return [
    'Usage: sparkify [command] [options]',
    '',
    'Commands:',
    `  ${'(none)'.padEnd(width)}open the wizard on a terminal; without a terminal, print this help (exit 2)`,
    ...listed.map((c) => `  ${label(c).padEnd(width)}${c.summary}`),
    '',
    'Options:',
    ...[...GLOBAL_OPTIONS, 'version' as const].map(optionLine),
    '',
    'Command options (see sparkify <command> --help):',
    ...perCommand.map(optionLine),
    '',
    'Exit codes: 0 done, 1 failed, 2 bad usage, bad configuration or refused, 130 interrupted.',
  ].join('\n');
}

/** `sparkify <command> --help`. */
export function commandUsage(name: CommandName): string {
  const spec = commandSpec(name)!;
  if (spec.name === 'wizard') return usage();
  const args = (spec.positionals ?? []).map(positionalUsage).join(' ');
  return [
    `Usage: sparkify ${spec.name}${args ? ` ${args}` : ''} [options]`,
    '',
    `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`,
    ...(spec.details ? [spec.details] : []),
    '',
    'Options:',
    ...[...spec.options, ...GLOBAL_OPTIONS].map(optionLine),
    ...(spec.examples?.length ? ['', 'Examples:', ...spec.examples.map((e) => `  ${e}`)] : []),
  ].join('\n');
}
