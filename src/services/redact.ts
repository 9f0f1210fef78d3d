// Secrets never reach output: keys that name a secret are masked wherever they appear, and so are
// the secrets SQL can carry inline (COPY's key-based credentials, CREATE USER … PASSWORD).
const SECRET_KEY = /(password|secret|token|credential|authorization|sessionkey)/i;
const INLINE_SECRETS = [
  /(PASSWORD\s+)'[^']*'/gi,
  /((?:SECRET_ACCESS_KEY|SESSION_TOKEN)\s+)'[^']*'/gi,
  /(aws_secret_access_key=)[^;'\s]+/gi,
  /([;'\s]token=)[^;'\s]+/gi,
  /(MasterUserPassword=)[^&\s]+/g,
];

export function redactText(text: string): string {
  return INLINE_SECRETS.reduce((t, pattern) => t.replace(pattern, '$1***'), text);
}

export function redact<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map(redact) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      // Only text is a secret: ManageMasterPassword: true says how the password is kept, not what it is.
      Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) && typeof v === 'string' ? '***' : redact(v)]),
    ) as T;
  }
  return value;
}
