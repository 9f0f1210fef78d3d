// Redshift's error messages (as the engine phrases them) → PostgreSQL SQLSTATE codes, so drivers
// raise the right exception class (psycopg2's errors.UndefinedTable, JDBC's getSQLState()).
const RULES: [RegExp, string][] = [
  [/canceling statement due to user request|Query cancelled|INTERRUPT|Interrupted/i, '57014'],
  [/relation "[^"]*" does not exist|Table "[^"]*" does not exist|Table with name .* does not exist/i, '42P01'],
  [/column "[^"]*" does not exist/i, '42703'],
  [/relation "[^"]*" already exists/i, '42P07'],
  [/function .* does not exist/i, '42883'],
  [/syntax error|Parser Error/i, '42601'],
  [/invalid input syntax|Could not convert|Conversion Error/i, '22P02'],
  [/value too long/i, '22001'],
  [/division by zero/i, '22012'],
  [/Cannot insert a NULL value|NOT NULL constraint/i, '23502'],
  [/current transaction is aborted/i, '25P02'],
  [/permission denied|not authorized/i, '42501'],
  [/Load into table .* failed|stl_load_errors/i, 'XX000'],
];

export function sqlStateOf(message: string): string {
  for (const [pattern, state] of RULES) if (pattern.test(message)) return state;
  return 'XX000';
}
