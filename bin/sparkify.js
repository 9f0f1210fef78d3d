#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so a fresh clone needs no build step. The
// project's own tsconfig is named because tsx would otherwise read one from the caller's folder.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/cli/main.tsx');
