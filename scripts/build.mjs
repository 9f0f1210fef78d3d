// `npm run build` (also run by `npm ci` through `prepare`): src/cli/main.tsx and the local service's
// entry → dist/, so the CLI and the service start from plain JavaScript instead of transpiling
// TypeScript through tsx at every start.
//
// Layout: the entries are dist/cli/main.js and dist/emulator/service-main.js and the shared chunks
// dist/chunks/*.js, all two folders below the project root, so code that finds files relative to its
// own module (sql/ through import.meta.url in src/workflow/sql-files.ts, package.json for --version,
// bin/sparkify-service.js by walking up) finds the same paths from the bundle as from src/<layer>/<file>.ts.
//
// Code splitting keeps each command's dynamic imports lazy: --help loads only the entry chunk, the
// wizard's ink/react load only for the wizard, DuckDB only when the local target runs in-process.
//
// Packages are bundled (from their ES module builds): measured, `query "select 1"` spends half the
// CPU time of a build that leaves them in node_modules, where Node parses each CommonJS file of the
// SDK and DuckDB for its exports. SPARKIFY_BUILD_EXTERNAL=1 builds the other way, to compare.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const external = process.env.SPARKIFY_BUILD_EXTERNAL === '1';
// A folder at the project's top level (tests build into their own, never over a dist/ in use).
const outdir = process.env.SPARKIFY_BUILD_OUTDIR ?? 'dist';
if (!/^[\w.-]+$/.test(outdir)) throw new Error(`SPARKIFY_BUILD_OUTDIR must be one folder name at the project root, got "${outdir}"`);

/**
 * zod re-exports its 50 message locales (358 KB, 15% of what `query` loads) as `z.locales`, which
 * nothing here reads; its default English messages come from locales/en.js directly. The bundle gets
 * a locales index of English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'zod-english-only', pluginData: args.resolveDir } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({ contents: "export { default as en } from './en.js';", resolveDir: `${args.pluginData}/../locales`, loader: 'js' }));
  },
};

rmSync(new URL(`../${outdir}`, import.meta.url), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The CLI, and the detached local service it starts (bin/sparkify-service.js).
  entryPoints: { 'cli/main': 'src/cli/main.tsx', 'emulator/service-main': 'src/emulator/service/service-main.ts' },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  jsx: 'automatic',
  ...(external
    ? { packages: 'external' }
    : {
        // DuckDB's binding loads its native module with require(); ink imports devtools only when asked.
        external: ['@duckdb/node-bindings', 'react-devtools-core'],
        // The ES module builds (the SDK's dist-es), which tree-shake and need no CommonJS export lexing.
        mainFields: ['module', 'main'],
        plugins: [zodEnglishOnly],
        // Bundled CommonJS (and the native binding) still call require().
        banner: { js: "import { createRequire as __sparkifyCreateRequire } from 'node:module'; const require = __sparkifyCreateRequire(import.meta.url);" },
      }),
  sourcemap: 'linked',
  logLevel: 'warning',
});
