// Shared by the two entry scripts: run the build in dist/ (`npm run build`, also run by `npm ci`),
// which starts in a fraction of the time, or the TypeScript sources through tsx when there is no
// build, when a source file is newer than it (a developer's edit must never run stale code), or with
// SPARKIFY_FROM_SOURCE=1.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function buildIsCurrent(entry) {
  if (process.env.SPARKIFY_FROM_SOURCE === '1') return false;
  let built;
  try {
    built = statSync(entry).mtimeMs;
  } catch {
    return false;
  }
  // About 150 stats: a millisecond or two, against ~0.5 s for tsx.
  for (const file of readdirSync(`${root}src`, { recursive: true })) {
    // Only what the bundle is built from: a SPEC.md edit must not slow every start.
    if (/\.(tsx?|m?js|json)$/.test(file) && statSync(`${root}src/${file}`).mtimeMs > built) return false;
  }
  return true;
}

/** `built` is relative to dist/, `source` to src/ (e.g. 'cli/main.js', 'cli/main.tsx'). */
export async function runBuiltOrSource(built, source) {
  const entry = `${root}dist/${built}`;
  if (buildIsCurrent(entry)) return import(entry);
  // The project's own tsconfig is named because tsx would otherwise read one from the caller's folder.
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: `${root}tsconfig.json` });
  return import(`${root}src/${source}`);
}
