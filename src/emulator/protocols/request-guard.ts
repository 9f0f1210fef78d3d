// Who may talk to the emulator: only the AWS SDKs and CLIs of this machine. A web page can make a
// browser send requests to 127.0.0.1 (an <img> GET, a form POST, a DNS-rebound fetch); every such
// request lacks something every SDK sends, so it is refused before it is recorded or run.
import type { IncomingMessage } from 'node:http';
import { AwsError } from '../contracts.js';

export type RequestProtocol = 'query' | 'json' | 's3';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** `Host: 127.0.0.1:PORT` (or localhost / [::1]) with this server's own port: a rebound name is refused. */
export function isOwnHost(host: string | undefined, port: number | undefined): boolean {
  if (!host || port === undefined) return false;
  const colon = host.lastIndexOf(':');
  if (colon < 0 || host.endsWith(']')) return false; // the SDKs always name the (non-default) port
  return LOOPBACK_HOSTS.has(host.slice(0, colon).toLowerCase()) && host.slice(colon + 1) === String(port);
}

/**
 * Every AWS SDK and CLI signs with Signature Version 4 (`Authorization: AWS4-HMAC-SHA256 Credential=…`).
 * The emulator does not check the signature (credentials are dummies), only that one was made: a
 * browser cannot attach an Authorization header to a cross-origin request without a CORS preflight,
 * and the emulator answers no preflight.
 */
function isSigned(req: IncomingMessage): boolean {
  const authorization = req.headers.authorization;
  return typeof authorization === 'string' && /^AWS4-HMAC-SHA256 Credential=\S/.test(authorization);
}

function forbidden(protocol: RequestProtocol, message: string): AwsError {
  // S3 says AccessDenied; the query and JSON services say MissingAuthenticationToken / AccessDenied.
  return new AwsError(protocol === 's3' ? 'AccessDenied' : 'AccessDeniedException', message, 403);
}

/** The reason to refuse the request, or undefined when it comes as an SDK on this machine sends it. */
export function refusal(req: IncomingMessage, protocol: RequestProtocol): AwsError | undefined {
  const host = req.headers.host;
  if (!isOwnHost(host, req.socket.localPort)) {
    return forbidden(protocol, `The emulator answers only requests for its own address (Host: 127.0.0.1:${req.socket.localPort ?? 'PORT'}), not for ${JSON.stringify(String(host ?? '').slice(0, 100))}.`);
  }
  if (req.method === 'OPTIONS' || req.headers.origin !== undefined) {
    return forbidden(protocol, 'The emulator grants no cross-origin access: requests from web pages are refused.');
  }
  if (protocol === 'query' && (req.method !== 'POST' || !String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))) {
    return forbidden(protocol, 'awsQuery actions are served only as the AWS SDKs send them: a signed POST with a form body.');
  }
  if (!isSigned(req)) {
    const error = forbidden(protocol, 'Request is missing Authentication Token: the emulator serves only signed (SigV4) requests, as every AWS SDK and CLI sends them.');
    return protocol === 's3' ? error : new AwsError('MissingAuthenticationToken', error.message, 403);
  }
  return undefined;
}
