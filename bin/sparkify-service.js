#!/usr/bin/env node
// The detached local service (see src/emulator/service/): like bin/sparkify.js, the TypeScript
// sources run through tsx with the project's own tsconfig.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
await import('../src/emulator/service/service-main.ts');
