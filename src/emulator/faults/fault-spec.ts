// The fault spec: a short text (`sparkify emulator --faults …`, or startEmulator({ faults })) that
// says which requests the emulator fails, slows or answers wrongly. Grammar (see SPEC.md, Faults):
//
//   spec   := rule ("," rule)*
//   rule   := "throttle:" target [":" amount]      Throttling / ThrottlingException / SlowDown
//           | "5xx:" target [":" amount]           503 ServiceUnavailable / 500 InternalServerException
//           | "slow:" target ":" duration [":" amount]
//           | "fail-create:" cluster-id [":" amount]
//           | "fail-sql:/" regex "/" [flags] [":" amount]
//   target := service ["." operation]   service: iam | redshift | redshift-data | s3 | sts | *
//   amount := N (the first N matching) | 0<r<1 or P% (a steady share) | * (every one); default 1
//
// Deterministic by construction: counts and shares depend only on the order requests arrive in.

export const FAULT_SERVICES = ['iam', 'redshift', 'redshift-data', 's3', 'sts'] as const;
export type FaultService = (typeof FAULT_SERVICES)[number];

/** How many matching requests a rule hits. */
export type FaultAmount =
  | { kind: 'count'; count: number }
  /** Every 1/rate-th matching request, evenly spread; never a request's final SDK attempt. */
  | { kind: 'rate'; rate: number }
  | { kind: 'every' };

export interface FaultTarget {
  service: FaultService | '*';
  operation: string | '*';
}

export type FaultRule =
  | { kind: 'throttle' | '5xx'; text: string; target: FaultTarget; amount: FaultAmount }
  | { kind: 'slow'; text: string; target: FaultTarget; delayMs: number; amount: FaultAmount }
  | { kind: 'fail-create'; text: string; clusterIdentifier: string; amount: FaultAmount }
  | { kind: 'fail-sql'; text: string; pattern: RegExp; amount: FaultAmount };

export type FaultSpec = readonly FaultRule[];

export class FaultSpecError extends Error {
  constructor(rule: string, why: string) {
    super(`Bad fault rule "${rule}": ${why}. Rules look like throttle:redshift-data.DescribeStatement:0.3, 5xx:iam.*:2, slow:redshift-data:200ms, fail-create:sparkify-dwh, fail-sql:/INSERT INTO songplays/:1 (see src/emulator/SPEC.md, Faults).`);
    this.name = 'FaultSpecError';
  }
}

/** Splits on commas that are not inside a /regex/. */
function splitRules(text: string): string[] {
  const rules: string[] = [];
  let current = '';
  let inRegex = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inRegex && ch === '\\' && i + 1 < text.length) {
      current += ch + text[++i];
      continue;
    }
    if (ch === '/' && (inRegex || current.endsWith('fail-sql:'))) inRegex = !inRegex;
    if (ch === ',' && !inRegex) {
      rules.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  rules.push(current.trim());
  return rules.filter((r) => r !== '');
}

function parseAmount(rule: string, text: string | undefined): FaultAmount {
  if (text === undefined || text === '') return { kind: 'count', count: 1 };
  if (text === '*') return { kind: 'every' };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count < 1) throw new FaultSpecError(rule, 'a count must be at least 1');
    return { kind: 'count', count };
  }
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const rate = percent ? Number(percent[1]) / 100 : /^0?\.\d+$/.test(text) ? Number(text) : NaN;
  if (!(rate > 0 && rate < 1)) throw new FaultSpecError(rule, `"${text}" is not a count (2), a share (0.3 or 30%) or *`);
  return { kind: 'rate', rate };
}

function parseTarget(rule: string, text: string | undefined): FaultTarget {
  if (!text) throw new FaultSpecError(rule, 'it needs a target such as redshift-data.DescribeStatement, iam.* or s3');
  const dot = text.indexOf('.');
  const service = dot < 0 ? text : text.slice(0, dot);
  const operation = dot < 0 ? '*' : text.slice(dot + 1);
  if (service !== '*' && !(FAULT_SERVICES as readonly string[]).includes(service)) {
    throw new FaultSpecError(rule, `unknown service "${service}" (one of ${FAULT_SERVICES.join(', ')}, or *)`);
  }
  if (operation !== '*' && !/^[A-Za-z0-9]+$/.test(operation)) throw new FaultSpecError(rule, `"${operation}" is not an operation name`);
  return { service: service as FaultTarget['service'], operation };
}

function parseDuration(rule: string, text: string | undefined): number {
  const match = /^(\d+)(ms|s)$/.exec(text ?? '');
  if (!match) throw new FaultSpecError(rule, `the delay must look like 200ms or 2s, got "${text ?? ''}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

function parseFailSql(rule: string, rest: string): FaultRule {
  const match = /^\/((?:\\.|[^/\\])+)\/([a-z]*)(?::(.*))?$/.exec(rest);
  if (!match) throw new FaultSpecError(rule, 'fail-sql needs a /regular expression/, e.g. fail-sql:/INSERT INTO songplays/');
  let pattern: RegExp;
  try {
    // Always case-insensitive: SQL keywords are.
    pattern = new RegExp(match[1], match[2].includes('i') ? match[2] : `${match[2]}i`);
  } catch (err) {
    throw new FaultSpecError(rule, (err as Error).message);
  }
  return { kind: 'fail-sql', text: rule, pattern, amount: parseAmount(rule, match[3]) };
}

function parseRule(rule: string): FaultRule {
  const colon = rule.indexOf(':');
  const kind = colon < 0 ? rule : rule.slice(0, colon);
  const rest = colon < 0 ? '' : rule.slice(colon + 1);
  const parts = rest.split(':');
  switch (kind) {
    case 'throttle':
    case '5xx':
      if (parts.length > 2) throw new FaultSpecError(rule, 'expected KIND:target[:amount]');
      return { kind, text: rule, target: parseTarget(rule, parts[0]), amount: parseAmount(rule, parts[1]) };
    case 'slow':
      if (parts.length > 3) throw new FaultSpecError(rule, 'expected slow:target:delay[:amount]');
      return { kind, text: rule, target: parseTarget(rule, parts[0]), delayMs: parseDuration(rule, parts[1]), amount: parts[2] ? parseAmount(rule, parts[2]) : { kind: 'every' } };
    case 'fail-create':
      if (!parts[0] || parts.length > 2) throw new FaultSpecError(rule, 'expected fail-create:<cluster identifier>[:amount]');
      return { kind, text: rule, clusterIdentifier: parts[0].toLowerCase(), amount: parseAmount(rule, parts[1]) };
    case 'fail-sql':
      return parseFailSql(rule, rest);
    default:
      throw new FaultSpecError(rule, `unknown kind "${kind}" (throttle, 5xx, slow, fail-create, fail-sql)`);
  }
}

/** Parses a fault spec; an empty text means no faults. Throws FaultSpecError naming the bad rule. */
export function parseFaultSpec(text: string): FaultSpec {
  return splitRules(text).map(parseRule);
}
