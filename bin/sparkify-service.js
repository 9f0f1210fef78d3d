#!/usr/bin/env node
// The detached local service (see src/emulator/service/), started by the CLI: like bin/sparkify.js,
// the build in dist/ when it is current, else the TypeScript sources.
import { runBuiltOrSource } from './built-or-source.js';

await runBuiltOrSource('emulator/service-main.js', 'emulator/service/service-main.ts');
