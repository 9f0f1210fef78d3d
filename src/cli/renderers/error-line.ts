// An error before any renderer exists (bad arguments, a wizard that could not start): the same
// "✖ message / → hint" lines as the plain renderer, without loading it.
import { UserError } from '../../services/errors.js';
import { redactText } from '../../services/redact.js';

export function printError(err: unknown, write: (text: string) => void = (t) => process.stderr.write(t)): void {
  if (err instanceof UserError) {
    write(redactText(`✖ ${err.message}${err.hint ? `\n  → ${err.hint}` : ''}`) + '\n');
    return;
  }
  const e = err as Error;
  write(`✖ Unexpected error: ${redactText(e?.message ?? String(err))}\n  → This is a bug in sparkify; please report it with the stack below.\n`);
  write(redactText(e?.stack ?? String(err)) + '\n');
}
