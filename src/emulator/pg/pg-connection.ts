// One client connection after authentication: the simple query protocol (Q) and the extended one
// (Parse/Bind/Describe/Execute/Sync/Close), answered through the connection's PgSession.
// pg-gateway frames the messages and handles startup, TLS refusal and the password exchange; the
// query side of the protocol it leaves to the application, so it is written here.
import type { StatementOutcome } from '../engine/engine-session.js';
import { bindParameters, commandTag, PgStatementError, type PgSession } from './pg-session.js';
import { textOf, typeOidOf, TEXT_OID } from './pg-types.js';
import { Reader, Wire } from './wire.js';
import type { PostgresConnection } from 'pg-gateway';

interface Prepared {
  sql: string;
  paramOids: number[];
}

interface Portal {
  sql: string;
  outcome?: StatementOutcome;
}

const INT_OIDS = new Set([20, 21, 23]);

/** Binary-format parameters (JDBC sends integers so); anything else is read as text. */
function paramValue(raw: Buffer, format: number, oid: number): string {
  if (format !== 1) return raw.toString('utf8');
  if (INT_OIDS.has(oid)) return raw.length === 8 ? raw.readBigInt64BE().toString() : raw.length === 4 ? String(raw.readInt32BE()) : String(raw.readInt16BE());
  if (oid === 16) return raw[0] ? 'true' : 'false';
  if (oid === 701) return String(raw.readDoubleBE());
  if (oid === 700) return String(raw.readFloatBE());
  return raw.toString('utf8');
}

export class PgConnectionHandler {
  private readonly wire: Wire;
  private readonly prepared = new Map<string, Prepared>();
  private readonly portals = new Map<string, Portal>();
  /** After an error in the extended protocol, messages are skipped until Sync. */
  private skipping = false;

  constructor(private readonly conn: PostgresConnection, private readonly session: PgSession, private readonly onActivity: () => void) {
    this.wire = new Wire(conn);
  }

  /**
   * Takes the socket over from pg-gateway once the client is signed in. pg-gateway 0.2.4 slices
   * every message after the first of a chunk wrongly (subarray(start, length) instead of
   * (start, start + length)), which breaks the extended protocol, whose Parse/Bind/Describe/
   * Execute/Sync arrive in one packet; so after authentication the messages are framed here.
   */
  attach(): void {
    const socket = this.conn.detach();
    let pending: Buffer = Buffer.alloc(0);
    let queue: Promise<unknown> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= 5) {
        const length = 1 + pending.readUInt32BE(1);
        if (pending.length < length) break;
        const frame = pending.subarray(0, length);
        pending = pending.subarray(length);
        queue = queue.then(async () => {
          if (!(await this.handle(frame))) socket.end();
        }).catch(() => socket.destroy());
      }
    });
  }

  /** Handles one framed message (type byte, length, body). Returns false on Terminate. */
  async handle(data: Uint8Array): Promise<boolean> {
    this.onActivity();
    const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const type = String.fromCharCode(buf[0]);
    const body = new Reader(buf.subarray(5));
    if (type === 'X') return false;
    if (type === 'Q') {
      await this.simpleQuery(body.cstring());
      return true;
    }
    if (type === 'S') {
      this.skipping = false;
      this.wire.readyForQuery(this.session.status);
      return true;
    }
    if (type === 'H') return true;
    if (this.skipping) return true;
    try {
      switch (type) {
        case 'P':
          this.parse(body);
          break;
        case 'B':
          this.bind(body);
          break;
        case 'D':
          await this.describe(body);
          break;
        case 'E':
          await this.execute(body);
          break;
        case 'C':
          this.close(body);
          break;
        default:
          throw new PgStatementError(`the local cluster does not support protocol message '${type}' (COPY FROM STDIN and function calls are not served)`, '0A000');
      }
    } catch (err) {
      this.skipping = true;
      this.error(err);
    }
    return true;
  }

  private error(err: unknown): void {
    const e = err instanceof PgStatementError ? err : new PgStatementError((err as Error).message ?? String(err), 'XX000');
    this.conn.sendError({ severity: 'ERROR', code: e.sqlState, message: e.message });
  }

  private sendRows(outcome: StatementOutcome): void {
    for (const row of outcome.rows) this.wire.dataRow(row.map(textOf));
  }

  private describeColumns(outcome: StatementOutcome): void {
    if (!outcome.hasResultSet) this.wire.noData();
    else this.wire.rowDescription(outcome.columns.map((c) => ({ name: c.name, typeOid: typeOidOf(c.duckType) })));
  }

  private async simpleQuery(text: string): Promise<void> {
    const statements = this.session.split(text);
    if (statements.length === 0) this.wire.emptyQuery();
    for (const sql of statements) {
      try {
        const outcome = await this.session.execute(sql);
        if (outcome.hasResultSet) {
          this.describeColumns(outcome);
          this.sendRows(outcome);
        }
        this.wire.commandComplete(commandTag(sql, outcome));
      } catch (err) {
        this.error(err);
        break;
      }
    }
    this.wire.readyForQuery(this.session.status);
  }

  private parse(body: Reader): void {
    const name = body.cstring();
    const sql = body.cstring();
    const n = body.int16();
    const paramOids = Array.from({ length: n }, () => body.int32());
    const statements = this.session.split(sql);
    if (statements.length > 1) throw new PgStatementError('cannot insert multiple commands into a prepared statement', '42601');
    this.prepared.set(name, { sql: statements[0] ?? '', paramOids });
    this.wire.parseComplete();
  }

  private bind(body: Reader): void {
    const portal = body.cstring();
    const name = body.cstring();
    const statement = this.prepared.get(name);
    if (!statement) throw new PgStatementError(`prepared statement "${name}" does not exist`, '26000');
    const formats = Array.from({ length: body.int16() }, () => body.int16());
    const count = body.int16();
    const params: (string | null)[] = [];
    for (let i = 0; i < count; i++) {
      const length = body.int32();
      const format = formats.length === 1 ? formats[0] : (formats[i] ?? 0);
      params.push(length < 0 ? null : paramValue(body.bytes(length), format, statement.paramOids[i] ?? 0));
    }
    // Result formats are read and ignored: results are always sent as text (format 0 in RowDescription).
    this.portals.set(portal, { sql: bindParameters(statement.sql, params) });
    this.wire.bindComplete();
  }

  private async runPortal(portal: Portal): Promise<StatementOutcome> {
    portal.outcome ??= await this.session.execute(portal.sql);
    return portal.outcome;
  }

  private async describe(body: Reader): Promise<void> {
    const kind = body.byte();
    const name = body.cstring();
    if (kind === 'S') {
      const statement = this.prepared.get(name);
      if (!statement) throw new PgStatementError(`prepared statement "${name}" does not exist`, '26000');
      const params = (statement.sql.match(/\$\d+/g) ?? []).reduce((max, p) => Math.max(max, Number(p.slice(1))), 0);
      this.wire.parameterDescription(Array.from({ length: params }, (_, i) => statement.paramOids[i] || TEXT_OID));
      // The columns are only known by running it: a query with NULL parameters, never DML.
      if (/^\s*(select|with|values|show)\b/i.test(statement.sql)) {
        this.describeColumns(await this.session.execute(bindParameters(statement.sql, Array(params).fill(null))));
      } else this.wire.noData();
      return;
    }
    const portal = this.portals.get(name);
    if (!portal) throw new PgStatementError(`portal "${name}" does not exist`, '34000');
    if (portal.sql.trim() === '') return this.wire.noData();
    this.describeColumns(await this.runPortal(portal));
  }

  private async execute(body: Reader): Promise<void> {
    const name = body.cstring();
    const portal = this.portals.get(name);
    if (!portal) throw new PgStatementError(`portal "${name}" does not exist`, '34000');
    if (portal.sql.trim() === '') return this.wire.emptyQuery();
    const outcome = await this.runPortal(portal);
    if (outcome.hasResultSet) this.sendRows(outcome);
    this.wire.commandComplete(commandTag(portal.sql, outcome));
    if (name === '') this.portals.delete(name);
  }

  private close(body: Reader): void {
    const kind = body.byte();
    const name = body.cstring();
    if (kind === 'S') this.prepared.delete(name);
    else this.portals.delete(name);
    this.wire.closeComplete();
  }
}
