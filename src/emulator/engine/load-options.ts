// What COPY (JSON and delimited) and UNLOAD share in their option lists: the `[schema.]table [(cols)]
// FROM 's3://…'` head of a COPY, and the credentials Redshift accepts.
import { identifierName, isWord, stringValue, type Token } from './sql-tokenizer.js';
import { RedshiftSqlError } from './sql-errors.js';

export interface LoadCredentials {
  iamRole?: string;
  /** IAM_ROLE default: the cluster's default IAM role, looked up when the statement runs. */
  defaultIamRole?: boolean;
  /** Key-based credentials: accepted, never checked locally (and always redacted). */
  keyCredentials?: boolean;
}

/** `COPY [schema.]table [(col, …)] FROM 's3://…'`: the target, the source and where the options start. */
export function parseCopyTarget(sig: Token[]): { schema: string; table: string; columns?: string[]; source: string; next: number } {
  let i = 1;
  let schema = 'public';
  let table = identifierName(sig[i]);
  if (sig[i + 1]?.text === '.') { schema = table; table = identifierName(sig[i + 2]); i += 2; }
  i++;
  let columns: string[] | undefined;
  if (sig[i]?.text === '(') {
    columns = [];
    for (i++; i < sig.length && sig[i].text !== ')'; i++) if (sig[i].text !== ',') columns.push(identifierName(sig[i]));
    i++;
  }
  if (!isWord(sig[i], 'FROM') || sig[i + 1]?.kind !== 'string') throw new RedshiftSqlError(`syntax error at or near "${sig[i]?.text ?? ''}"`);
  return { schema, table, columns, source: stringValue(sig[i + 1]), next: i + 2 };
}

/** The text of `CREDENTIALS '…'`: a role, or an access key pair (with an optional token). */
export function applyCredentialsText(creds: string, cmd: LoadCredentials): void {
  const role = creds.match(/aws_iam_role=([^;]+)/);
  if (role) cmd.iamRole = role[1];
  else if (/aws_access_key_id=[^;]+;\s*aws_secret_access_key=[^;]+/.test(creds)) cmd.keyCredentials = true;
  else throw new RedshiftSqlError("Invalid credentials. Must be of the format: credentials 'aws_iam_role=...' or 'aws_access_key_id=...;aws_secret_access_key=...[;token=...]'");
}

/** ACCESS_KEY_ID '…' SECRET_ACCESS_KEY '…' [SESSION_TOKEN '…']: one word of that form. */
export const isKeyCredentialWord = (word: string): boolean => word === 'ACCESS_KEY_ID' || word === 'SECRET_ACCESS_KEY' || word === 'SESSION_TOKEN';
