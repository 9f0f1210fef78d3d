// The local service itself, in its own detached process: the emulator on 127.0.0.1 behind the
// secret gate, published in <STATE_DIR>/service/service.json, until it has been idle long enough,
// is told to stop, or finds its record replaced or removed (a newer service took over, or the
// state folder was deleted).
import { startEmulator } from '../index.js';
import type { EmulatorDelays } from '../contracts.js';
import { createServiceGate } from './service-gate.js';
import { ensureServiceDir, newSecret, readRecord, removeRecordOf, writeRecord, type ServiceRecord } from './service-files.js';

export interface ServiceOptions {
  stateDir: string;
  s3Root: string;
  region: string;
  delays: Partial<EmulatorDelays>;
  idleMs: number;
}

export async function runLocalService(options: ServiceOptions): Promise<void> {
  ensureServiceDir(options.stateDir);
  const secret = newSecret();
  let lastActivity = Date.now();
  let inFlight = 0;
  let stopping: (() => void) | undefined;
  const stopped = new Promise<void>((resolve) => (stopping = resolve));
  let record: ServiceRecord | undefined;

  const emulator = await startEmulator({
    stateDir: options.stateDir,
    s3Root: options.s3Root,
    region: options.region,
    delays: options.delays,
    gate: createServiceGate({
      secret,
      describe: () => ({ ...record, secret: undefined, idleForMs: Date.now() - lastActivity, inFlight }),
      onRequest(_req, res) {
        lastActivity = Date.now();
        inFlight++;
        res.once('close', () => {
          inFlight--;
          lastActivity = Date.now();
        });
      },
      stop: () => stopping?.(),
    }),
  });
  record = {
    pid: process.pid,
    port: emulator.port,
    ...(emulator.pg ? { pgPort: emulator.pg.port } : {}),
    secret,
    stateDir: options.stateDir,
    s3Root: options.s3Root,
    region: options.region,
    idleMs: options.idleMs,
    startedAt: new Date().toISOString(),
  };
  writeRecord(record);

  const tickMs = Math.min(5_000, Math.max(200, Math.floor(options.idleMs / 4)));
  const timer = setInterval(() => {
    // Open PostgreSQL connections (psql left open) count as use, as do HTTP requests in flight.
    const last = Math.max(lastActivity, emulator.pg?.lastActivity() ?? 0);
    const idle = inFlight === 0 && (emulator.pg?.connections() ?? 0) === 0 && Date.now() - last >= options.idleMs;
    if (idle || readRecord(options.stateDir)?.pid !== process.pid) stopping?.();
  }, tickMs);
  process.once('SIGTERM', () => stopping?.());
  process.once('SIGINT', () => stopping?.());

  await stopped;
  clearInterval(timer);
  removeRecordOf(options.stateDir, process.pid);
  await emulator.close();
}
