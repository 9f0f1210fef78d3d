// Raw HTTP requests to the emulator, as node:http sends them (the path goes out as written: fetch
// would resolve `..`). `signed()` adds the two headers every AWS SDK request carries and a web page
// cannot forge: the emulator's own Host and a SigV4 Authorization (the emulator checks its presence).
import { request as httpRequest, type OutgoingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function signed(port: number, headers: OutgoingHttpHeaders = {}): OutgoingHttpHeaders {
  return {
    host: `127.0.0.1:${port}`,
    authorization: 'AWS4-HMAC-SHA256 Credential=test/20260101/us-west-2/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000',
    'x-amz-date': '20260101T000000Z',
    ...headers,
  };
}

export function rawRequest(port: number, options: { method?: string; path: string; headers?: OutgoingHttpHeaders; body?: string }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: options.path, method: options.method ?? 'GET', headers: options.headers ?? {} }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

/** An awsQuery form POST signed as the SDK signs it. */
export function signedForm(port: number, body: string, headers: OutgoingHttpHeaders = {}): Promise<RawResponse> {
  return rawRequest(port, { method: 'POST', path: '/', headers: signed(port, { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers }), body });
}
