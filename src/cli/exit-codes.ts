// The exit codes the README documents; one place so every path agrees.
import { ConfigError } from '../config/config-error.js';

export const EXIT = {
  ok: 0,
  /** The work failed (AWS, SQL, a check). */
  failed: 1,
  /** Bad usage: unknown command or flag, a bad dwh.cfg, or a confirmation refused. */
  usage: 2,
  /** The shell's code for a program ended by SIGINT (128 + 2), also when it stopped cleanly on Ctrl-C. */
  interrupted: 130,
} as const;

/** A configuration the operator must fix is bad usage (2), like a bad flag; anything else failed (1). */
export function exitCodeFor(err: unknown): number {
  return err instanceof ConfigError ? EXIT.usage : EXIT.failed;
}
