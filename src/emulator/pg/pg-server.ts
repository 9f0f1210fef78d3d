// The local cluster's PostgreSQL endpoint: a TCP server on 127.0.0.1 (5439 when free, else any
// port, reported truthfully by DescribeClusters) that clients such as psql, psycopg2, node-postgres
// and JDBC connect to. The database name picks the cluster; the master user signs in with the
// password of the cluster's managed secret (Secrets Manager GetSecretValue).
import { createServer, type Server, type Socket } from 'node:net';
import { randomInt } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { PostgresConnection, type State } from 'pg-gateway';
import type { ClusterCatalog, ClusterView } from '../contracts.js';
import type { EngineRegistry } from '../engine/engine-registry.js';
import type { StateStore } from '../state-store.js';
import { derivePassword } from '../secrets/index.js';
import { PgConnectionHandler } from './pg-connection.js';
import { PgSession } from './pg-session.js';
import { Wire } from './wire.js';
import { pgCatalogSetup } from './pg-catalog.js';

export interface PgServerDeps {
  state: StateStore;
  catalog: ClusterCatalog;
  engines: EngineRegistry;
  s3Root: string;
  faults?: { statementError(sql: string): string | undefined };
}

export interface RunningPgServer {
  port: number;
  /** Open client connections (the local service stays up while there are any). */
  connections(): number;
  lastActivity(): number;
  /** Ends the connections to a cluster whose database is about to be deleted. */
  closeCluster(identifier: string): Promise<void>;
  close(): Promise<void>;
}

const CANCEL_REQUEST_CODE = 80877102;
const GSSENC_REQUEST_CODE = 80877104;
export const DEFAULT_PG_PORT = 5439;
const REDSHIFT_SERVER_VERSION = '8.0.2';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** The cluster a client asked for: an available one with that database, whose master user this is. */
function findClusterFor(deps: PgServerDeps, database: string, user: string): ClusterView | { error: string; code: string } {
  const records = Object.values(deps.state.read().clusters).filter((c) => c.dbName === database);
  const views = records.map((c) => deps.catalog.findCluster(c.identifier)).filter((v): v is ClusterView => v !== undefined);
  if (views.length === 0) return { error: `database "${database}" does not exist`, code: '3D000' };
  const available = views.filter((v) => v.status === 'available');
  if (available.length === 0) return { error: `the cluster of database "${database}" is ${views[0].status}, not available`, code: '57P03' };
  return available.find((v) => v.masterUsername === user) ?? available[0];
}

function passwordMatches(deps: PgServerDeps, cluster: ClusterView, user: string, password: string): boolean {
  const record = deps.state.read().clusters[cluster.identifier];
  if (!record?.masterPasswordSecretArn || user !== record.masterUsername) return false;
  return password === derivePassword(deps.state.stateDir, record.masterPasswordSecretArn);
}

export async function startPgServer(deps: PgServerDeps, preferredPort = DEFAULT_PG_PORT): Promise<RunningPgServer> {
  const sessions = new Map<number, { key: number; session: PgSession; cluster: string; socket: Socket }>();
  const sockets = new Set<Socket>();
  const preparedEngines = new Set<string>();
  let lastActivity = Date.now();
  const touch = () => (lastActivity = Date.now());

  async function signIn(conn: PostgresConnection, state: State, password: string): Promise<PgConnectionHandler | undefined> {
    const params = state.clientInfo?.parameters ?? { user: '' };
    const user = params.user;
    const database = params.database || user;
    const fail = (code: string, message: string) => {
      conn.sendError({ severity: 'FATAL', code, message });
      conn.socket.end();
      return undefined;
    };
    const found = findClusterFor(deps, database, user);
    if ('error' in found) return fail(found.code, found.error);
    if (!passwordMatches(deps, found, user, password)) return fail('28P01', `password authentication failed for user "${user}"`);
    const engine = await deps.engines.get(found);
    if (!preparedEngines.has(found.identifier)) {
      for (const sql of pgCatalogSetup(found.masterUsername)) await engine.systemWrite(sql);
      preparedEngines.add(found.identifier);
    }
    const pid = engine.nextPid();
    const session = await PgSession.open({ engine, cluster: found, catalog: deps.catalog, s3Root: deps.s3Root, dbUser: user, pid, faults: deps.faults });
    const key = randomInt(1, 2 ** 31 - 1);
    sessions.set(pid, { key, session, cluster: found.identifier, socket: conn.socket });
    conn.socket.once('close', () => {
      sessions.delete(pid);
      void session.close();
    });
    conn.isAuthenticated = true;
    const handler = new PgConnectionHandler(conn, session, touch);
    // Written here rather than by pg-gateway's completeAuthentication, which sends no BackendKeyData.
    const wire = new Wire(conn);
    wire.authenticationOk();
    for (const [name, value] of [
      ['server_version', REDSHIFT_SERVER_VERSION],
      ['server_encoding', 'UTF8'],
      ['client_encoding', 'UTF8'],
      ['DateStyle', 'ISO, MDY'],
      ['integer_datetimes', 'on'],
      ['standard_conforming_strings', 'on'],
      ['TimeZone', 'UTC'],
      ['is_superuser', 'on'],
      ['session_authorization', user],
    ]) wire.parameterStatus(name, value);
    wire.backendKeyData(pid, key);
    wire.readyForQuery('I');
    return handler;
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    touch();
    socket.once('close', () => {
      sockets.delete(socket);
      touch();
    });
    socket.on('error', () => socket.destroy());
    const conn: PostgresConnection = new PostgresConnection(socket, {
      serverVersion: REDSHIFT_SERVER_VERSION,
      authMode: 'cleartextPassword',
      async onMessage(data, state) {
        const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        if (!state.hasStarted) {
          const code = buf.length >= 8 ? buf.readInt32BE(4) : 0;
          if (code === CANCEL_REQUEST_CODE && buf.length === 16) {
            const target = sessions.get(buf.readInt32BE(8));
            if (target && target.key === buf.readInt32BE(12)) target.session.cancel();
            socket.end();
            return true;
          }
          if (code === GSSENC_REQUEST_CODE) {
            socket.write('N'); // no GSSAPI encryption; the client goes on with a plain startup
            setImmediate(() => (conn.hasStarted = false));
            return true;
          }
          return false;
        }
        if (!state.isAuthenticated) {
          if (buf[0] !== 0x70) return false;
          const password = buf.toString('utf8', 5, buf.indexOf(0, 5));
          try {
            (await signIn(conn, state, password))?.attach();
          } catch (err) {
            // An emulator fault, not the client's: say so rather than leave the client waiting.
            conn.sendError({ severity: 'FATAL', code: 'XX000', message: `the local cluster failed to open the session: ${(err as Error).message.split('\n')[0]}` });
            socket.end();
          }
          return true;
        }
        return true; // after sign-in the handler frames the messages itself (attach)
      },
    });
  });

  let port: number;
  try {
    port = await listen(server, preferredPort);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || preferredPort === 0) throw err;
    port = await listen(server, 0); // 5439 is taken (another emulator, a real PostgreSQL): any free port, reported as it is
  }
  return {
    port,
    connections: () => sockets.size,
    lastActivity: () => lastActivity,
    async closeCluster(identifier) {
      const ending = [...sessions.entries()].filter(([, s]) => s.cluster === identifier);
      for (const [pid, s] of ending) {
        sessions.delete(pid);
        s.socket.destroy();
      }
      await Promise.all(ending.map(([, s]) => s.session.close().catch(() => undefined)));
      preparedEngines.delete(identifier);
    },
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await Promise.all([...sessions.values()].map(({ session }) => session.close().catch(() => undefined)));
      await closed;
    },
  };
}
