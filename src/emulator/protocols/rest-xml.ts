// The restXml protocol as S3 speaks it: namespaced result documents, and errors as a bare
// <Error> element (no namespace, no ErrorResponse wrapper) carrying the code and request id.
import { AwsError } from '../contracts.js';
import { el, seq, type Xml } from './xml.js';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** `<Error><Code/><Message/>…extra…<RequestId/></Error>`; extra members (Key, BucketName) come from AwsError.extra. */
export function renderS3Error(error: AwsError, requestId: string): string {
  const extra = Object.entries(error.extra).map(([name, value]) => el(name, value === undefined ? undefined : String(value)));
  const body: Xml = seq(el('Code', error.code), el('Message', error.message), ...extra, el('RequestId', requestId));
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${body.markup}</Error>`;
}

/** S3's timestamp in headers (Last-Modified): RFC 7231, e.g. `Wed, 12 Oct 2009 17:50:00 GMT`. */
export function httpDate(date: Date): string {
  return date.toUTCString();
}

/** For `encoding-type=url` listings: S3 URL-encodes keys and prefixes (spaces as `+`, like a form). */
export function s3UrlEncode(value: string): string {
  return encodeURIComponent(value).replace(/%2F/g, '/').replace(/%20/g, '+');
}
