import { UserError } from '../services/errors.js';

/** Where a config value came from, for messages that point at the exact line to edit. */
export interface ConfigLocation {
  file: string;
  section?: string;
  key?: string;
}

export function describeLocation({ file, section, key }: ConfigLocation): string {
  if (!section) return file;
  return key ? `${file} [${section}] ${key}` : `${file} [${section}]`;
}

/** A dwh.cfg problem: the message names file, section, key and what is expected, never a secret. */
export class ConfigError extends UserError {
  readonly file: string;
  readonly section?: string;
  readonly key?: string;

  constructor(location: ConfigLocation, problem: string, hint?: string) {
    super(`${describeLocation(location)}: ${problem}`, hint ?? `Edit ${location.file} and run again.`);
    this.name = 'ConfigError';
    this.file = location.file;
    this.section = location.section;
    this.key = location.key;
  }
}
