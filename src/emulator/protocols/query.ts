// The awsQuery protocol (IAM, Redshift, STS): form-encoded requests, XML responses and errors.
import { AwsError } from '../contracts.js';
import { document, el, seq, type Xml } from './xml.js';

/** Decoded awsQuery parameters: nested objects, lists as arrays, every leaf a string as sent. */
export type QueryValue = string | QueryValue[] | { [key: string]: QueryValue };
export type QueryObject = { [key: string]: QueryValue };

const LIST_INDEX = /^\d+$/;
/** Parameter names are member names and list indexes: `Tags.member.1.Key`, never `__proto__`. */
const NAME_SEGMENT = /^[A-Za-z][A-Za-z0-9_]*$/;
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The longest list any emulated operation takes is far below this (IAM and Redshift allow 50 tags
 * and 50 roles; DescribeClusters pages at 100); a bound keeps `member.1000000000` from allocating
 * a billion-slot array and blocking the process.
 */
export const MAX_LIST_INDEX = 1000;
/** Far more than any operation sends (CreateCluster with 50 tags is ~120), far fewer than a 16 MB form could hold. */
export const MAX_PARAMETERS = 5000;

function validationError(message: string): AwsError {
  return new AwsError('ValidationError', message);
}

/** An object with no prototype: no parameter name can reach Object.prototype through it. */
function bare(): QueryObject {
  return Object.create(null) as QueryObject;
}

/**
 * Turns `Tags.member.1.Key=k` style pairs into `{ Tags: [{ Key: 'k' }] }`.
 * awsQuery names a list item `<List>.<MemberName>.<N>` (IAM's member name is `member`, Redshift's
 * varies: `Tag`, `IamRoleArn`, …); flattened lists drop the member name. The member name carries
 * no information, so any segment followed by an index is dropped. An empty list is sent as `List=`.
 * Every object made here has a null prototype, and a name segment that is not a plain member name,
 * or an index outside 1…MAX_LIST_INDEX, is a ValidationError (before anything is allocated).
 */
export function decodeQueryForm(form: URLSearchParams): QueryObject {
  const root = bare();
  let count = 0;
  for (const [rawKey, value] of form) {
    if (rawKey === 'Action' || rawKey === 'Version') continue;
    if (++count > MAX_PARAMETERS) throw validationError(`The request has more than ${MAX_PARAMETERS} parameters.`);
    const segments = rawKey.split('.');
    const path: (string | number)[] = [];
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i];
      if (LIST_INDEX.test(segment)) {
        const index = Number(segment);
        if (i === 0 || index < 1 || index > MAX_LIST_INDEX) {
          throw validationError(`The parameter ${rawKey.slice(0, 200)} has a list index outside 1 to ${MAX_LIST_INDEX}.`);
        }
        path.push(index - 1);
      } else if (!NAME_SEGMENT.test(segment) || FORBIDDEN_SEGMENTS.has(segment)) {
        throw validationError(`The parameter name ${JSON.stringify(rawKey.slice(0, 200))} is not valid.`);
      } else if (i + 1 < segments.length && LIST_INDEX.test(segments[i + 1]) && i > 0) {
        continue; // the member name of a list item
      } else {
        path.push(segment);
      }
    }
    assignPath(root, path, value);
  }
  return compactLists(root) as QueryObject;
}

function assignPath(root: QueryObject, path: (string | number)[], value: string): void {
  let node: Record<string | number, unknown> = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    const nextIsIndex = typeof path[i + 1] === 'number';
    let child = node[key];
    if (child === undefined || typeof child === 'string') {
      child = nextIsIndex ? [] : bare();
      node[key] = child;
    }
    node = child as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  // `IamRoles=` is how the SDK sends an empty list; an empty string never overwrites a structure.
  if (node[last] === undefined) node[last] = value === '' && typeof last === 'string' && isListName(last) ? [] : value;
  else if (typeof node[last] === 'string') node[last] = value;
}

// Plural-looking names are lists when sent empty (`Tags=`, `IamRoles=`, `TagKeys=`).
function isListName(name: string): boolean {
  return /s$/.test(name) && !/(Status|Address|Access|Class|Pass|Alias)$/.test(name);
}

function compactLists(value: unknown): QueryValue {
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(compactLists);
  if (value && typeof value === 'object') {
    const out = bare();
    for (const [key, child] of Object.entries(value)) out[key] = compactLists(child);
    return out;
  }
  return value as string;
}

/** Typed reads of decoded parameters, failing the way AWS does for a malformed value. */
export class QueryParams {
  constructor(
    readonly raw: QueryObject,
    private readonly errors: { missing: string; invalid: string } = { missing: 'MissingParameter', invalid: 'InvalidParameterValue' },
  ) {}

  string(name: string): string | undefined {
    const value = this.raw[name];
    return typeof value === 'string' ? value : undefined;
  }

  required(name: string): string {
    const value = this.string(name);
    if (value === undefined || value === '') {
      throw new AwsError(this.errors.missing, `The request must contain the parameter ${name}.`);
    }
    return value;
  }

  int(name: string): number | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^-?\d+$/.test(value)) throw new AwsError(this.errors.invalid, `Invalid value '${value}' for ${name}: must be an integer.`);
    return Number(value);
  }

  bool(name: string): boolean | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw new AwsError(this.errors.invalid, `Invalid value '${value}' for ${name}: must be true or false.`);
  }

  strings(name: string): string[] {
    const value = this.raw[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) return typeof value === 'string' && value !== '' ? [value] : [];
    return value.filter((item): item is string => typeof item === 'string');
  }

  /** A list of `{Key, Value}` tags. */
  tags(name = 'Tags'): { Key: string; Value: string }[] {
    const value = this.raw[name];
    if (!Array.isArray(value)) return [];
    return value.map((item) => {
      const tag = (item && typeof item === 'object' && !Array.isArray(item) ? item : {}) as QueryObject;
      return { Key: typeof tag.Key === 'string' ? tag.Key : '', Value: typeof tag.Value === 'string' ? tag.Value : '' };
    });
  }
}

const REDACTED_KEYS = new Set(['MasterUserPassword', 'Password', 'DbPassword', 'NewPassword', 'OldPassword']);

/** Parameters as recorded for audits: `true`/`false` become booleans, passwords become `***`. */
export function recordableParams(value: QueryValue, key = ''): unknown {
  if (REDACTED_KEYS.has(key)) return '***';
  if (Array.isArray(value)) return value.map((item) => recordableParams(item));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [childKey, child] of Object.entries(value)) out[childKey] = recordableParams(child, childKey);
    return out;
  }
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

/** `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…` — the result element is left out for empty outputs. */
export function renderQueryResult(operation: string, namespace: string | undefined, result: Xml | undefined, requestId: string): string {
  return document(
    `${operation}Response`,
    namespace,
    seq(result === undefined ? seq() : el(`${operation}Result`, result), el('ResponseMetadata', el('RequestId', requestId))),
  );
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`, which the SDK maps by Code. */
export function renderQueryError(error: AwsError, namespace: string | undefined, requestId: string): string {
  const type = error.httpStatus >= 500 ? 'Receiver' : 'Sender';
  return document(
    'ErrorResponse',
    namespace,
    seq(el('Error', seq(el('Type', type), el('Code', error.code), el('Message', error.message))), el('RequestId', requestId)),
  );
}
