// `sparkify emulator --port <busy>`: a port another process holds is the operator's to fix, so the
// CLI says which port and what to do in one line, exits 1, and prints no stack.
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { runCli } from '../helpers/run-cli.js';
import { createWorkspace, type Workspace } from '../helpers/workspace.js';
import { makeTestDirs } from './control-plane/helpers.js';

let ws: Workspace | undefined;
let holder: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve()));
  holder = undefined;
  ws?.remove();
  ws = undefined;
});

/** A plain TCP server on a free loopback port, standing in for whatever else holds the port. */
async function holdPort(): Promise<number> {
  const server = createServer();
  holder = server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return (server.address() as { port: number }).port;
}

describe('sparkify emulator on a busy port', () => {
  it('names the port and the fix, exits 1, no stack', async () => {
    ws = createWorkspace();
    const port = await holdPort();
    const result = await runCli(['emulator', '--port', String(port)], { cwd: ws.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).toMatch(/--port/);
    expect(result.stderr).not.toMatch(/Unexpected error|This is a bug/);
    expect(result.stderr).not.toMatch(/EADDRINUSE/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // It never started, so it printed no endpoint.
    expect(result.stdout).not.toMatch(/http:\/\/127\.0\.0\.1/);
  });

  it('startEmulator rejects with the EADDRINUSE error, for the CLI to explain', async () => {
    const port = await holdPort();
    const dirs = makeTestDirs();
    try {
      await expect(startEmulator({ port, stateDir: dirs.stateDir, s3Root: dirs.s3Root })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      dirs.remove();
    }
  });
});
