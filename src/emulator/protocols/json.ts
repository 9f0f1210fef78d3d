// The awsJson1_1 protocol (Redshift Data): JSON bodies, the operation named by x-amz-target,
// errors as {"__type": code, "message": …}.
import { AwsError } from '../contracts.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** `RedshiftData.ExecuteStatement` → `{ service: 'RedshiftData', operation: 'ExecuteStatement' }`. */
export function parseJsonTarget(target: string): { service: string; operation: string } {
  const dot = target.lastIndexOf('.');
  return { service: target.slice(0, dot), operation: target.slice(dot + 1) };
}

export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {};
  let parsed: unknown;
  let prototypeKey = false;
  try {
    // A "__proto__" member would become the prototype of any object it is later merged into.
    parsed = JSON.parse(body, (key, value: unknown) => {
      if (key === '__proto__') prototypeKey = true;
      return value;
    });
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (prototypeKey) throw new AwsError('SerializationException', 'The request body has a member named "__proto__", which no operation takes.');
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new AwsError('SerializationException', 'The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

export function renderJsonResult(output: unknown): string {
  return JSON.stringify(output ?? {});
}

export function renderJsonError(error: AwsError): string {
  return JSON.stringify({ ...error.extra, __type: error.code, message: error.message });
}
