// Parse Redshift's COPY … FROM 's3://…' FORMAT JSON … into options.
import { isWord, stringValue, type Token } from './sql-tokenizer.js';
import { RedshiftSqlError } from './sql-errors.js';
import { applyCredentialsText, isKeyCredentialWord, parseCopyTarget } from './load-options.js';

export interface CopyCommand {
  schema: string;
  table: string;
  columns?: string[];
  source: string; // s3://bucket/prefix
  iamRole?: string;
  /** IAM_ROLE default: the cluster's default IAM role, looked up when the COPY runs. */
  defaultIamRole?: boolean;
  /** Key-based credentials (CREDENTIALS 'aws_access_key_id=…;aws_secret_access_key=…' or ACCESS_KEY_ID … SECRET_ACCESS_KEY …): accepted, not checked locally, never kept. */
  keyCredentials?: boolean;
  /** 'auto' | 'auto ignorecase' | s3://…jsonpaths.json */
  json: string;
  region?: string;
  timeFormat?: string;
  dateFormat?: string;
  truncateColumns: boolean;
  blanksAsNull: boolean;
  emptyAsNull: boolean;
  maxError: number;
  gzip: boolean;
  /** ACCEPTINVCHARS [AS 'c']: invalid UTF-8 is replaced by c ('?' by default) instead of failing the record. */
  acceptInvChars?: string;
}

const IGNORED_FLAGS = ['COMPUPDATE', 'STATUPDATE', 'ACCEPTANYDATE', 'TRIMBLANKS', 'ROUNDEC', 'EXPLICIT_IDS', 'ENCRYPTED'];

export function parseCopy(sig: Token[]): CopyCommand {
  const { schema, table, columns, source, next } = parseCopyTarget(sig);
  let i = next;
  const cmd: CopyCommand = {
    schema, table, columns, source, json: '', truncateColumns: false,
    blanksAsNull: false, emptyAsNull: false, maxError: 0, gzip: false,
  };
  const str = (): string => {
    if (isWord(sig[i], 'AS')) i++;
    const t = sig[i++];
    if (t?.kind !== 'string') throw new RedshiftSqlError(`syntax error at or near "${t?.text ?? ''}"`);
    return stringValue(t);
  };
  let format: string | undefined;
  while (i < sig.length) {
    const t = sig[i++];
    const word = t.kind === 'word' ? t.text.toUpperCase() : t.text;
    if (word === 'IAM_ROLE' && isWord(sig[i], 'DEFAULT')) { i++; cmd.defaultIamRole = true; }
    else if (word === 'IAM_ROLE') cmd.iamRole = str();
    else if (word === 'CREDENTIALS' || word === 'WITH' && isWord(sig[i], 'CREDENTIALS')) {
      if (word === 'WITH') i++;
      applyCredentialsText(str(), cmd);
    } else if (isKeyCredentialWord(word)) {
      str();
      cmd.keyCredentials = true;
    } else if (word === 'FORMAT') {
      if (isWord(sig[i], 'AS')) i++;
      format = sig[i++]?.text.toUpperCase();
      if (format === 'JSON' && sig[i]?.kind === 'string') cmd.json = stringValue(sig[i++]);
    } else if (word === 'JSON') { format = 'JSON'; if (sig[i]?.kind === 'string' || isWord(sig[i], 'AS')) cmd.json = str(); }
    else if (word === 'REGION') cmd.region = str();
    else if (word === 'TIMEFORMAT') cmd.timeFormat = str().toLowerCase();
    else if (word === 'DATEFORMAT') cmd.dateFormat = str().toLowerCase();
    else if (word === 'TRUNCATECOLUMNS') cmd.truncateColumns = true;
    else if (word === 'BLANKSASNULL') cmd.blanksAsNull = true;
    else if (word === 'EMPTYASNULL') cmd.emptyAsNull = true;
    else if (word === 'GZIP') cmd.gzip = true;
    else if (word === 'ACCEPTINVCHARS') {
      cmd.acceptInvChars = '?';
      if (isWord(sig[i], 'AS') || sig[i]?.kind === 'string') cmd.acceptInvChars = str();
    }
    else if (word === 'MAXERROR') { if (isWord(sig[i], 'AS')) i++; cmd.maxError = Number(sig[i++]?.text); }
    else if (IGNORED_FLAGS.includes(word)) {
      if (isWord(sig[i], 'ON', 'OFF', 'TRUE', 'FALSE', 'PRESET') || sig[i]?.kind === 'number') i++;
      if (isWord(sig[i], 'AS')) i += 2;
      else if (sig[i]?.kind === 'string') i++;
    } else throw new RedshiftSqlError(`syntax error at or near "${t.text}"`);
  }
  if (format !== 'JSON') throw new RedshiftSqlError(`The emulator's COPY supports FORMAT AS JSON only (got ${format ?? 'the default delimited text format'})`);
  if (!cmd.json) cmd.json = 'auto';
  if (!cmd.iamRole && !cmd.defaultIamRole && !cmd.keyCredentials) throw new RedshiftSqlError('Missing credentials: specify IAM_ROLE or CREDENTIALS for COPY');
  return cmd;
}
