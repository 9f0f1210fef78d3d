#!/usr/bin/env node
// The CLI: the build in dist/ when it is current, else the TypeScript sources (built-or-source.js).
import { runBuiltOrSource } from './built-or-source.js';

await runBuiltOrSource('cli/main.js', 'cli/main.tsx');
