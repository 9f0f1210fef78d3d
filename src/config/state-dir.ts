// STATE_DIR holds the state file and, locally, one database per cluster: it must be a folder of
// its own that can be created and written. Checked when dwh.cfg is read, so a bad value gets the
// config error format (file, section, key, fix) instead of an ENOTDIR/EACCES from deep inside.
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, parse } from 'node:path';
import { ConfigError, type ConfigLocation } from './config-error.js';

const FIX = 'Set STATE_DIR to a folder of its own, such as .sparkify (relative to dwh.cfg), and run again.';

/** The path itself, or its nearest ancestor that exists. */
function nearestExisting(path: string): { path: string; isDirectory: boolean } | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      return { path: p, isDirectory: statSync(p).isDirectory() };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') continue; // a file somewhere above: found further up
      if (code !== 'ENOENT') throw new Error(`cannot inspect ${p}: ${(err as Error).message}`);
    }
    if (dirname(p) === p) return undefined;
  }
}

export function validateStateDir(stateDir: string, written: string, location: ConfigLocation, { s3Root }: { s3Root?: string } = {}): void {
  const fail = (problem: string) => new ConfigError(location, `${problem}, got "${written}"`, FIX);
  if (parse(stateDir).root === stateDir) throw fail('is the root of the filesystem, where sparkify would write its state file and databases');
  if (s3Root !== undefined && s3Root === stateDir) throw fail('is the same folder as [LOCAL] S3_ROOT; expected a folder of its own');
  let found: ReturnType<typeof nearestExisting>;
  try {
    found = nearestExisting(stateDir);
  } catch (err) {
    throw fail((err as Error).message);
  }
  if (!found) return;
  if (!found.isDirectory) {
    throw fail(found.path === stateDir ? `is a file (${stateDir}), not a folder` : `cannot be created: ${found.path} is a file, not a folder`);
  }
  try {
    accessSync(found.path, constants.W_OK | constants.X_OK);
  } catch {
    throw fail(found.path === stateDir ? `is not writable (${stateDir})` : `cannot be created: ${found.path} is not writable`);
  }
}
