// The emulator's HTTP front door: tells the protocol and service of each request apart, records
// it, runs the operation and renders the answer or the error in that protocol's own shape.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { AwsError, type RecordedRequest, type RedshiftDataService } from './contracts.js';
import { JSON_CONTENT_TYPE, parseJsonBody, parseJsonTarget, renderJsonError, renderJsonResult } from './protocols/json.js';
import { QueryParams, decodeQueryForm, recordableParams, renderQueryError, renderQueryResult } from './protocols/query.js';
import { renderS3Error } from './protocols/rest-xml.js';
import { refusal, type RequestProtocol } from './protocols/request-guard.js';
import { parseSdkAttempt, type FaultInjector } from './faults/index.js';
import type { Xml } from './protocols/xml.js';
import { IAM_NAMESPACE, IAM_VERSION, iamHandlers, type IamContext } from './iam/index.js';
import { REDSHIFT_NAMESPACE, REDSHIFT_VERSION, redshiftHandlers, type RedshiftContext } from './redshift/index.js';
import { STS_NAMESPACE, STS_VERSION, getCallerIdentity } from './sts/get-caller-identity.js';
import { handleSecretsManager, type SecretsContext } from './secrets/index.js';
import { handleS3, parseS3Path, s3OperationName, type S3Context, type S3Request } from './s3/index.js';
import { EC2_VERSION, createEc2Service, renderEc2Error, renderEc2Result, type Ec2Service } from './ec2/index.js';
import { SERVERLESS_TARGET, type ServerlessService } from './redshift-serverless/index.js';

export interface EmulatorServerDeps {
  iam: IamContext;
  redshift: RedshiftContext;
  s3: S3Context;
  redshiftData: RedshiftDataService;
  /** Redshift Serverless (namespaces and workgroups), JSON 1.1 like the Data API. */
  redshiftServerless?: ServerlessService;
  accountId: string;
  /** Secrets Manager (the clusters' managed master passwords), when served. */
  secrets?: SecretsContext;
  record(request: RecordedRequest): void;
  /** Throttling, 5xx and delays injected per request (see SPEC.md, Faults). */
  faults?: FaultInjector;
  /** The account profile's operator policy: throws the service's access error for a denied request. */
  authorize?: (request: RecordedRequest) => void;
  /** EC2's default VPC and security group (created here when not given). */
  ec2?: Ec2Service;
}

interface QueryService {
  name: 'iam' | 'redshift' | 'sts';
  namespace: string;
  /** IAM says ValidationError where Redshift says MissingParameter / InvalidParameterValue. */
  errors: { missing: string; invalid: string };
  operations: Record<string, (params: QueryParams) => Xml | undefined | Promise<Xml | undefined>>;
}

// Request bodies here are forms and JSON documents (Data API statements are ≤ 100 KB).
const MAX_BODY_BYTES = 16 * 1024 * 1024;

function queryServices(deps: EmulatorServerDeps): Record<string, QueryService> {
  const bind = <C>(handlers: Record<string, (ctx: C, params: QueryParams) => Xml | undefined | Promise<Xml | undefined>>, ctx: C) =>
    Object.fromEntries(Object.entries(handlers).map(([name, handler]) => [name, (params: QueryParams) => handler(ctx, params)]));
  return {
    [IAM_VERSION]: {
      name: 'iam',
      namespace: IAM_NAMESPACE,
      errors: { missing: 'ValidationError', invalid: 'ValidationError' },
      operations: bind(iamHandlers, deps.iam),
    },
    [REDSHIFT_VERSION]: {
      name: 'redshift',
      namespace: REDSHIFT_NAMESPACE,
      errors: { missing: 'MissingParameter', invalid: 'InvalidParameterValue' },
      operations: bind(redshiftHandlers, deps.redshift),
    },
    [STS_VERSION]: {
      name: 'sts',
      namespace: STS_NAMESPACE,
      errors: { missing: 'MissingParameter', invalid: 'InvalidParameterValue' },
      operations: { GetCallerIdentity: () => getCallerIdentity(deps.accountId) },
    },
  };
}

/**
 * Anything that is not an AwsError is an emulator bug: 500. Its message and stack name host paths,
 * so they go to the emulator's stderr only; the response says where to look.
 */
function asAwsError(error: unknown): AwsError {
  if (error instanceof AwsError) return error;
  process.stderr.write(`sparkify emulator: internal failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return new AwsError('InternalFailure', 'The emulator failed on this request (an emulator bug); the emulator process logged the details to its stderr.', 500);
}

const own = <T>(table: Record<string, T>, name: string): T | undefined => (Object.hasOwn(table, name) ? table[name] : undefined);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new AwsError('RequestEntityTooLarge', 'The request body is too large for the emulator.', 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

// S3's query parameter names → the SDK's member names, so recorded S3 params read like the others.
const S3_PARAM_NAMES: Record<string, string> = {
  prefix: 'Prefix',
  delimiter: 'Delimiter',
  'max-keys': 'MaxKeys',
  'continuation-token': 'ContinuationToken',
  'start-after': 'StartAfter',
  'encoding-type': 'EncodingType',
};

interface RawUrl {
  pathname: string;
  searchParams: URLSearchParams;
}

/**
 * Splits the request target without normalising it: WHATWG URL parsing would resolve `..` and `.`
 * segments, but in S3 they are part of the key and must reach the key checks as sent.
 */
function splitUrl(target: string): RawUrl {
  const question = target.indexOf('?');
  return {
    pathname: question < 0 ? target : target.slice(0, question),
    searchParams: new URLSearchParams(question < 0 ? '' : target.slice(question + 1)),
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRequestHandler(deps: EmulatorServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const services = queryServices(deps);

  /** Records the request, then delays or fails it as the fault rules say (the error is thrown). */
  async function recordAndInject(request: RecordedRequest, req: IncomingMessage): Promise<void> {
    deps.record(request);
    deps.authorize?.(request);
    if (!deps.faults) return;
    const decision = deps.faults.forRequest({ service: request.service, operation: request.operation, ...parseSdkAttempt(req.headers['amz-sdk-request']) });
    if (decision.applied.length > 0) request.faults = decision.applied;
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.error) throw decision.error;
  }

  async function handleQuery(form: URLSearchParams, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const action = form.get('Action') ?? '';
    const version = form.get('Version') ?? '';
    if (version === EC2_VERSION) return handleEc2(action, form, req, res, requestId);
    const service = own(services, version);
    // A request with an unknown Version is still recorded, under the service that knows its action.
    const recordedService = service ?? Object.values(services).find((candidate) => Object.hasOwn(candidate.operations, action)) ?? services[STS_VERSION];
    try {
      const decoded = decodeQueryForm(form);
      const request: RecordedRequest = {
        service: recordedService.name,
        operation: action,
        params: recordableParams(decoded) as Record<string, unknown>,
        at: Date.now(),
      };
      await recordAndInject(request, req);
      const operation = service && own(service.operations, action);
      if (!operation) throw new AwsError('InvalidAction', `Could not find operation ${action} for version ${version}`);
      const result = await operation(new QueryParams(decoded, service.errors));
      send(res, 200, 'text/xml', renderQueryResult(action, service.namespace, result, requestId));
    } catch (error) {
      const awsError = asAwsError(error);
      send(res, awsError.httpStatus, 'text/xml', renderQueryError(awsError, service?.namespace, requestId));
    }
  }

  // EC2 speaks its own awsQuery dialect (no <Result> wrapper, <item> lists, <Response><Errors> errors).
  const ec2 = deps.ec2 ?? createEc2Service({ accountId: deps.accountId });
  async function handleEc2(action: string, form: URLSearchParams, req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    try {
      await recordAndInject({ service: 'ec2', operation: action, params: recordableParams(decodeQueryForm(form)) as Record<string, unknown>, at: Date.now() }, req);
      send(res, 200, 'text/xml', renderEc2Result(action, ec2.handle(action, form), requestId));
    } catch (error) {
      const awsError = asAwsError(error);
      send(res, awsError.httpStatus, 'text/xml', renderEc2Error(awsError, requestId));
    }
  }

  async function handleJson(target: string, body: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { service, operation } = parseJsonTarget(target);
    try {
      if (service === 'secretsmanager' && deps.secrets) {
        const input = parseJsonBody(body);
        await recordAndInject({ service: 'secretsmanager', operation, params: { SecretId: input.SecretId }, at: Date.now() }, req);
        send(res, 200, JSON_CONTENT_TYPE, renderJsonResult(handleSecretsManager(deps.secrets, operation, input)));
        return;
      }
      const serverless = service === SERVERLESS_TARGET ? deps.redshiftServerless : undefined;
      if ((service !== 'RedshiftData' && !serverless) || !/^[A-Z][A-Za-z0-9]*$/.test(operation)) {
        throw new AwsError('UnknownOperationException', `The emulator does not serve ${target.slice(0, 100)}.`);
      }
      const input = parseJsonBody(body);
      await recordAndInject({ service: serverless ? 'redshift-serverless' : 'redshift-data', operation, params: input, at: Date.now() }, req);
      const output = serverless ? await serverless.handle(operation, input) : await deps.redshiftData.handle(operation, input);
      send(res, 200, JSON_CONTENT_TYPE, renderJsonResult(output));
    } catch (error) {
      const awsError = asAwsError(error);
      res.setHeader('x-amzn-ErrorType', awsError.code); // awsJson clients read the error code from this header first
      send(res, awsError.httpStatus, JSON_CONTENT_TYPE, renderJsonError(awsError));
    }
  }

  async function handleS3Request(req: IncomingMessage, url: RawUrl, res: ServerResponse, requestId: string): Promise<void> {
    const method = req.method ?? 'GET';
    try {
      const { bucket, key } = parseS3Path(url.pathname);
      const request: S3Request = { method, bucket, key, query: url.searchParams, headers: req.headers };
      const operation = s3OperationName(request);
      const params: Record<string, unknown> = Object.create(null);
      params.Bucket = bucket;
      if (key !== undefined) params.Key = key;
      for (const [name, value] of url.searchParams) params[own(S3_PARAM_NAMES, name) ?? name] = value;
      if (typeof req.headers.range === 'string') params.Range = req.headers.range;
      await recordAndInject({ service: 's3', operation, params, at: Date.now() }, req);
      const response = handleS3(deps.s3, operation, request);
      res.writeHead(response.status, response.headers);
      if (response.body instanceof Readable) {
        response.body.on('error', (error) => res.destroy(error));
        response.body.pipe(res);
      } else {
        res.end(response.body);
      }
    } catch (error) {
      const awsError = asAwsError(error);
      // HEAD answers carry no body; the SDK maps the bare status (404 → NotFound).
      if (method === 'HEAD') {
        res.writeHead(awsError.httpStatus);
        res.end();
      } else {
        send(res, awsError.httpStatus, 'application/xml', renderS3Error(awsError, requestId));
      }
    }
  }

  /** A refused request gets the error in its protocol's own shape, and is neither recorded nor run. */
  function sendRefusal(protocol: RequestProtocol, error: AwsError, req: IncomingMessage, res: ServerResponse, requestId: string): void {
    res.setHeader('connection', 'close'); // the body is not read
    if (protocol === 'json') send(res, error.httpStatus, JSON_CONTENT_TYPE, renderJsonError(error));
    else if (protocol === 'query') send(res, error.httpStatus, 'text/xml', renderQueryError(error, undefined, requestId));
    else if (req.method === 'HEAD') { res.writeHead(error.httpStatus); res.end(); }
    else send(res, error.httpStatus, 'application/xml', renderS3Error(error, requestId));
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    res.setHeader('x-amzn-requestid', requestId);
    res.setHeader('x-amz-request-id', requestId);
    const url = splitUrl(req.url ?? '/');
    const target = req.headers['x-amz-target'];
    const contentType = req.headers['content-type'] ?? '';
    const protocol: RequestProtocol = typeof target === 'string' && target !== '' ? 'json'
      : contentType.includes('application/x-www-form-urlencoded') || url.searchParams.has('Action') ? 'query'
      : 's3';
    const refused = refusal(req, protocol);
    if (refused) {
      sendRefusal(protocol, refused, req, res, requestId);
    } else if (protocol === 'json') {
      await handleJson(String(target), await readBody(req), req, res);
    } else if (protocol === 'query') {
      // The SDKs send every parameter in the form body; the query string carries none.
      await handleQuery(new URLSearchParams(await readBody(req)), req, res, requestId);
    } else {
      await handleS3Request(req, url, res, requestId);
    }
  }

  return (req, res) => {
    route(req, res).catch((error: unknown) => {
      const awsError = asAwsError(error);
      if (!res.headersSent) send(res, awsError.httpStatus, 'text/plain', `${awsError.code}: ${awsError.message}`);
      else res.destroy();
    });
  };
}
