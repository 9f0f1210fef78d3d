// The local service's front door, in front of the AWS protocol handlers: only clients that hold the
// per-service secret are served (the emulator accepts unsigned requests, so on a shared machine
// anyone who can reach 127.0.0.1 could otherwise use it), and it answers the health probe.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const HEALTH_PATH = '/__sparkify/service';
export const SECRET_HEADER = 'x-sparkify-service-secret';

/** The access key id of a SigV4 request: in the Authorization header, or X-Amz-Credential of a presigned URL. */
function accessKeyIdOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  const fromHeader = typeof auth === 'string' ? /Credential=([^/,\s]+)\//.exec(auth)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  const query = (req.url ?? '').split('?')[1];
  const credential = query ? new URLSearchParams(query).get('X-Amz-Credential') : null;
  return credential?.split('/')[0] || undefined;
}

function sameSecret(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface GateOptions {
  secret: string;
  /** What the health probe reports about the service. */
  describe(): Record<string, unknown>;
  /** Called for every request, authorised or not finished yet: keeps the idle timer from firing. */
  onRequest(req: IncomingMessage, res: ServerResponse): void;
  /** `DELETE /__sparkify/service`: `sparkify emulator stop`. */
  stop(): void;
}

export function createServiceGate(options: GateOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    options.onRequest(req, res);
    const header = req.headers[SECRET_HEADER];
    const authorised = sameSecret(typeof header === 'string' ? header : accessKeyIdOf(req), options.secret);
    if (!authorised) {
      const json = typeof req.headers['x-amz-target'] === 'string';
      const message = 'This sparkify local service serves only clients holding its secret (the access key id in <STATE_DIR>/service/service.json).';
      const body = json
        ? JSON.stringify({ __type: 'UnrecognizedClientException', message })
        : `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>${message.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</Message></Error></ErrorResponse>`;
      res.writeHead(403, { 'content-type': json ? 'application/x-amz-json-1.1' : 'text/xml', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    if ((req.url ?? '').split('?')[0] === HEALTH_PATH) {
      if (req.method === 'DELETE') res.once('finish', () => options.stop());
      const body = JSON.stringify(options.describe());
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
      return true;
    }
    return false;
  };
}
