// Key-based credentials in COPY/UNLOAD never leave the emulator: DescribeStatement and
// ListStatements show the SQL with the secret parts masked, as Redshift's system views do.
const SECRETS = [
  /(aws_secret_access_key=)[^;'\s]+/gi,
  /(aws_access_key_id=)[^;'\s]+/gi,
  /([;'\s]token=)[^;'\s]+/gi,
  /((?:ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN)\s+(?:AS\s+)?)'[^']*'/gi,
];

export function redactSql(sql: string): string {
  return SECRETS.reduce((text, pattern) => text.replace(pattern, '$1***'), sql);
}
