// Backend messages of the PostgreSQL protocol that pg-gateway does not write (it covers startup,
// TLS, authentication and errors): row descriptions, data rows, command tags and the extended
// protocol's acknowledgements. Built with pg-gateway's own Writer; frames are documented at
// https://www.postgresql.org/docs/current/protocol-message-formats.html.
import type { PostgresConnection } from 'pg-gateway';

export interface WireColumn {
  name: string;
  typeOid: number;
}

const code = (c: string) => c.charCodeAt(0);

export class Wire {
  constructor(private readonly conn: PostgresConnection) {}

  private send(type: string, build: (w: PostgresConnection['writer']) => void = () => {}): void {
    const w = this.conn.writer;
    build(w);
    this.conn.sendData(w.flush(code(type)));
  }

  rowDescription(columns: WireColumn[]): void {
    this.send('T', (w) => {
      w.addInt16(columns.length);
      for (const c of columns) {
        w.addCString(c.name).addInt32(0).addInt16(0).addInt32(c.typeOid).addInt16(-1).addInt32(-1).addInt16(0);
      }
    });
  }

  dataRow(values: (string | null)[]): void {
    this.send('D', (w) => {
      w.addInt16(values.length);
      for (const v of values) {
        if (v === null) w.addInt32(-1);
        else {
          const bytes = Buffer.from(v, 'utf8');
          w.addInt32(bytes.length).add(bytes);
        }
      }
    });
  }

  commandComplete(tag: string): void {
    this.send('C', (w) => w.addCString(tag));
  }

  emptyQuery(): void {
    this.send('I');
  }

  parseComplete(): void {
    this.send('1');
  }

  bindComplete(): void {
    this.send('2');
  }

  closeComplete(): void {
    this.send('3');
  }

  noData(): void {
    this.send('n');
  }

  parameterDescription(oids: number[]): void {
    this.send('t', (w) => {
      w.addInt16(oids.length);
      for (const oid of oids) w.addInt32(oid);
    });
  }

  parameterStatus(name: string, value: string): void {
    this.send('S', (w) => w.addCString(name).addCString(value));
  }

  backendKeyData(pid: number, key: number): void {
    this.send('K', (w) => w.addInt32(pid).addInt32(key));
  }

  authenticationOk(): void {
    this.send('R', (w) => w.addInt32(0));
  }

  readyForQuery(status: 'I' | 'T' | 'E'): void {
    this.send('Z', (w) => w.addString(status));
  }
}

/** A frontend message body reader (after the type byte and length). */
export class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  int16(): number {
    const v = this.buf.readInt16BE(this.offset);
    this.offset += 2;
    return v;
  }

  int32(): number {
    const v = this.buf.readInt32BE(this.offset);
    this.offset += 4;
    return v;
  }

  cstring(): string {
    const end = this.buf.indexOf(0, this.offset);
    const s = this.buf.toString('utf8', this.offset, end);
    this.offset = end + 1;
    return s;
  }

  bytes(n: number): Buffer {
    const b = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return b;
  }

  byte(): string {
    return String.fromCharCode(this.buf[this.offset++]);
  }
}
