// A conformance check for every emulator response a test receives: a middleware on the real SDK
// client validates the deserialized output against the service model the SDK package ships (its
// Smithy schemas in dist-cjs: required members, member types, list/map/union shapes), so a shape
// mistake fails the test that made the call, wherever it happens. The JS schemas carry no enum
// values, so enums are checked for the members listed in ENUMS, from the SDK's exported enum objects.
import * as RedshiftData from '@aws-sdk/client-redshift-data';
import * as Redshift from '@aws-sdk/client-redshift';

type Schema = unknown;
const TIMESTAMP_CODES = new Set([4, 5, 6, 7]);
const LIST_MODIFIER = 64;
const MAP_MODIFIER = 128;

/** Member name → allowed values, from the enum objects the SDK exports. */
const ENUMS: Record<string, readonly string[]> = {
  'DescribeStatement.Status': Object.values(RedshiftData.StatusString),
  'DescribeStatement.ResultFormat': Object.values(RedshiftData.ResultFormatString),
  'GetStatementResultV2.ResultFormat': Object.values(RedshiftData.ResultFormatString),
  'ListStatements.Status': Object.values(RedshiftData.StatusString),
  'Cluster.ClusterAvailabilityStatus': ['Available', 'Unavailable', 'Maintenance', 'Modifying', 'Failed', 'Paused'],
  'Cluster.AquaStatus': Object.values(Redshift.AquaStatus),
};

const resolve = (s: Schema): Schema => {
  let x = s;
  while (typeof x === 'function') x = (x as () => Schema)();
  return x;
};

/** A member reference is a code, a schema, a thunk, or [ref, traits]. */
function unwrapMember(ref: Schema): Schema {
  const r = resolve(ref);
  if (Array.isArray(r) && r.length === 2 && (typeof r[0] === 'function' || typeof r[0] === 'number' || Array.isArray(r[0]))) return unwrapMember(r[0]);
  return r;
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'Date';
  if (v instanceof Uint8Array) return 'Uint8Array';
  return typeof v;
}

export function validateShape(value: unknown, schemaRef: Schema, path: string, problems: string[], context: string): void {
  if (value === undefined) return;
  const s = unwrapMember(schemaRef);
  if (typeof s === 'number') {
    if (s & LIST_MODIFIER) {
      if (!Array.isArray(value)) { problems.push(`${path}: expected a list, got ${typeName(value)}`); return; }
      value.forEach((item, i) => validateShape(item, s & ~LIST_MODIFIER, `${path}[${i}]`, problems, context));
      return;
    }
    if (s & MAP_MODIFIER) {
      if (typeName(value) !== 'object') { problems.push(`${path}: expected a map, got ${typeName(value)}`); return; }
      for (const [k, v] of Object.entries(value as object)) validateShape(v, s & ~MAP_MODIFIER, `${path}.${k}`, problems, context);
      return;
    }
    const expected = s === 0 ? 'string' : s === 1 ? 'number' : s === 2 ? 'boolean' : TIMESTAMP_CODES.has(s) ? 'Date' : s === 21 ? 'Uint8Array' : undefined;
    if (expected && typeName(value) !== expected) problems.push(`${path}: expected ${expected}, got ${typeName(value)} (${JSON.stringify(value)})`);
    if (expected === 'number' && Number.isNaN(value)) problems.push(`${path}: expected a number, got NaN`);
    if (expected === 'Date' && Number.isNaN((value as Date).getTime())) problems.push(`${path}: an invalid date`);
    return;
  }
  if (!Array.isArray(s)) return;
  const [kind, , name] = s as [number, string, string];
  if (kind === 0) return validateShape(value, s[4], path, problems, context);
  if (kind === 1) {
    if (!Array.isArray(value)) { problems.push(`${path}: expected a list (${name}), got ${typeName(value)}`); return; }
    value.forEach((item, i) => validateShape(item, s[4], `${path}[${i}]`, problems, context));
    return;
  }
  if (kind === 2) {
    if (typeName(value) !== 'object') { problems.push(`${path}: expected a map (${name}), got ${typeName(value)}`); return; }
    for (const [k, v] of Object.entries(value as object)) validateShape(v, s[5], `${path}.${k}`, problems, context);
    return;
  }
  if (kind === 3 || kind === 4) {
    if (typeName(value) !== 'object') { problems.push(`${path}: expected a structure (${name}), got ${typeName(value)}`); return; }
    const names = s[4] as string[];
    const members = s[5] as Schema[];
    const required = kind === 3 && typeof s[6] === 'number' ? s[6] : 0;
    const obj = value as Record<string, unknown>;
    for (let i = 0; i < required; i++) if (obj[names[i]] === undefined) problems.push(`${path}.${names[i]}: required by ${name} but missing`);
    if (kind === 4) {
      const set = names.filter((n) => obj[n] !== undefined);
      if (set.length !== 1 && !('$unknown' in obj)) problems.push(`${path}: union ${name} must have exactly one member, has ${set.length}`);
    }
    names.forEach((member, i) => {
      const v = obj[member];
      validateShape(v, members[i], `${path}.${member}`, problems, context);
      const allowed = ENUMS[`${context}.${member}`] ?? ENUMS[`${name.replace(/\$$/, '')}.${member}`];
      if (allowed && v !== undefined && !allowed.includes(v as string)) problems.push(`${path}.${member}: '${String(v)}' is not one of ${allowed.join(', ')}`);
    });
  }
}

interface WithMiddleware { middlewareStack: { add(mw: unknown, opts: { step: string; name: string; override?: boolean }): void } }

/** Adds the conformance check to a client; returns the client. */
export function withConformance<C>(client: C): C {
  (client as unknown as WithMiddleware).middlewareStack.add(
    (next: (args: unknown) => Promise<{ output: Record<string, unknown> }>, context: Record<string, any>) => async (args: unknown) => {
      const result = await next(args);
      const operation = context.__smithy_context?.operationSchema as unknown[] | undefined;
      if (!operation) throw new Error(`conformance: no operation schema for ${context.commandName}`);
      const { $metadata, ...output } = result.output;
      void $metadata;
      const problems: string[] = [];
      const opName = String(operation[2]);
      validateShape(output, operation[5], opName, problems, opName);
      if (problems.length > 0) throw new Error(`The emulator's ${opName} response does not match the SDK model:\n  ${problems.join('\n  ')}`);
      return result;
    },
    { step: 'initialize', name: 'sparkifyConformanceCheck', override: true },
  );
  return client;
}
