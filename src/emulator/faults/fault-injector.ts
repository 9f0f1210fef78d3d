// Applies a fault spec at run time: the server asks before each request, CreateCluster before it
// records a cluster, the statement runner before it runs a statement. Each rule counts the requests
// it matched, so what fails depends only on the order requests arrive in (no randomness, no flakes).
import { AwsError } from '../contracts.js';
import { parseFaultSpec, type FaultAmount, type FaultRule, type FaultSpec, type FaultTarget } from './fault-spec.js';

export interface FaultRequest {
  service: string;
  operation: string;
  /** From the SDK's `amz-sdk-request: attempt=N; max=M` header; absent for other clients. */
  attempt?: number;
  maxAttempts?: number;
}

export interface FaultDecision {
  delayMs: number;
  error?: AwsError;
  /** The rules that applied, for the request log ("throttle:redshift-data.*:0.3"). */
  applied: string[];
}

export interface InjectedFault {
  rule: string;
  kind: FaultRule['kind'];
  service?: string;
  operation?: string;
  at: number;
}

interface ArmedRule {
  rule: FaultRule;
  matched: number;
}

/** `attempt=2; max=5` → { attempt: 2, maxAttempts: 5 }. */
export function parseSdkAttempt(header: string | string[] | undefined): { attempt?: number; maxAttempts?: number } {
  const text = Array.isArray(header) ? header[0] : header;
  const attempt = /attempt=(\d+)/.exec(text ?? '');
  const max = /max=(\d+)/.exec(text ?? '');
  return { attempt: attempt ? Number(attempt[1]) : undefined, maxAttempts: max ? Number(max[1]) : undefined };
}

function targets(target: FaultTarget, service: string, operation: string): boolean {
  return (target.service === '*' || target.service === service) && (target.operation === '*' || target.operation === operation);
}

/** The n-th match (1-based) is hit when the amount says so. A share spreads its hits evenly. */
function hits(amount: FaultAmount, n: number): boolean {
  if (amount.kind === 'every') return true;
  if (amount.kind === 'count') return n <= amount.count;
  return Math.floor(n * amount.rate) > Math.floor((n - 1) * amount.rate);
}

const QUERY_SERVICES = new Set(['iam', 'redshift', 'sts']);

/** The error each protocol answers when it is throttled or down, so the SDK classifies it as AWS's own. */
function throttleError(service: string): AwsError {
  if (service === 's3') return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
  if (service === 'redshift-data') return new AwsError('ThrottlingException', 'Rate exceeded', 400);
  return new AwsError('Throttling', 'Rate exceeded', 400);
}

function unavailableError(service: string): AwsError {
  if (service === 's3') return new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500);
  if (QUERY_SERVICES.has(service)) return new AwsError('ServiceUnavailable', 'Service is unavailable. Please try again.', 503);
  return new AwsError('InternalServerException', 'The service is unavailable. Please try again.', 500);
}

export class FaultInjector {
  private armed: ArmedRule[] = [];
  /** Every fault injected so far, oldest first: tests assert a fault really happened. */
  readonly injected: InjectedFault[] = [];

  constructor(spec: FaultSpec | string = []) {
    this.set(spec);
  }

  /** Replaces the rules and resets their counters (tests switch faults on between steps). */
  set(spec: FaultSpec | string): void {
    const rules = typeof spec === 'string' ? parseFaultSpec(spec) : spec;
    this.armed = rules.map((rule) => ({ rule, matched: 0 }));
  }

  get rules(): FaultSpec {
    return this.armed.map((a) => a.rule);
  }

  private log(rule: FaultRule, service?: string, operation?: string): void {
    this.injected.push({ rule: rule.text, kind: rule.kind, service, operation, at: Date.now() });
  }

  /** Throttling, 5xx and delays for one HTTP request. The first error rule that hits wins. */
  forRequest(request: FaultRequest): FaultDecision {
    const decision: FaultDecision = { delayMs: 0, applied: [] };
    // A share is a transient fault: the SDK's last attempt always gets through, so retries absorb it.
    const finalAttempt = request.attempt !== undefined && request.maxAttempts !== undefined && request.attempt >= request.maxAttempts;
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.kind !== 'throttle' && rule.kind !== '5xx' && rule.kind !== 'slow') continue;
      if (!targets(rule.target, request.service, request.operation)) continue;
      if (rule.kind !== 'slow' && decision.error) continue;
      armed.matched++;
      if (!hits(rule.amount, armed.matched)) continue;
      if (rule.amount.kind === 'rate' && finalAttempt && rule.kind !== 'slow') continue;
      decision.applied.push(rule.text);
      this.log(rule, request.service, request.operation);
      if (rule.kind === 'slow') decision.delayMs += rule.delayMs;
      else decision.error = rule.kind === 'throttle' ? throttleError(request.service) : unavailableError(request.service);
    }
    return decision;
  }

  /** CreateCluster of this identifier: the error Redshift answers when it cannot place the cluster. */
  clusterCreationError(identifier: string): AwsError | undefined {
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.kind !== 'fail-create' || rule.clusterIdentifier !== identifier.toLowerCase()) continue;
      if (!hits(rule.amount, ++armed.matched)) continue;
      this.log(rule, 'redshift', 'CreateCluster');
      return new AwsError(
        'InsufficientClusterCapacity',
        `There is not enough capacity to create cluster ${identifier} (injected fault ${rule.text}).`,
        400,
      );
    }
    return undefined;
  }

  /** A statement about to run: the Redshift-style error it fails with, or undefined to run it. */
  statementError(sql: string): string | undefined {
    for (const armed of this.armed) {
      const { rule } = armed;
      if (rule.kind !== 'fail-sql' || !rule.pattern.test(sql)) continue;
      if (!hits(rule.amount, ++armed.matched)) continue;
      this.log(rule, 'redshift-data', 'statement');
      return `ERROR: Query was terminated by the cluster (injected fault ${rule.text}).`;
    }
    return undefined;
  }
}
