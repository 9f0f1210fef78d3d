// Redshift Serverless (awsJson1_1, `x-amz-target: RedshiftServerless.<Op>`): the namespace and
// workgroup operations sparkify uses, by operation name. A namespace's database is a DuckDB database
// like a cluster's, reached through the Data API with WorkgroupName.
import { AwsError } from '../contracts.js';
import type { ServerlessContext, ServerlessHandler } from './context.js';
import { createNamespace, deleteNamespace, getNamespace, listNamespaces, reapGoneNamespaces } from './namespaces.js';
import { listTagsForResource, tagResource, untagResource } from './tags.js';
import { createWorkgroup, deleteWorkgroup, getCredentials, getWorkgroup, listWorkgroups } from './workgroups.js';

export const SERVERLESS_TARGET = 'RedshiftServerless';

const handlers: Record<string, ServerlessHandler> = {
  CreateNamespace: createNamespace,
  GetNamespace: getNamespace,
  DeleteNamespace: deleteNamespace,
  ListNamespaces: listNamespaces,
  CreateWorkgroup: createWorkgroup,
  GetWorkgroup: getWorkgroup,
  DeleteWorkgroup: deleteWorkgroup,
  ListWorkgroups: listWorkgroups,
  GetCredentials: getCredentials,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
};

export interface ServerlessService {
  handle(operation: string, input: Record<string, unknown>): Promise<unknown>;
  /** Deletions that ended while no emulator ran drop their databases now. */
  reapGone(): Promise<void>;
}

export function createServerlessService(ctx: ServerlessContext): ServerlessService {
  return {
    async handle(operation, input) {
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined;
      if (!handler) throw new AwsError('UnknownOperationException', `Operation ${operation} is not emulated for Redshift Serverless.`);
      // Gone namespaces are dropped first, so a namespace created again under the same name starts empty.
      await reapGoneNamespaces(ctx);
      return handler(ctx, input);
    },
    reapGone: () => reapGoneNamespaces(ctx),
  };
}

export type { ServerlessContext } from './context.js';
export { serverlessDatabaseKey, workgroupStatus, namespaceStatus } from './context.js';
