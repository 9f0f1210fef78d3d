// Colours go through `tone` so NO_COLOR (https://no-color.org) turns every one of them off;
// bold, dim and symbols still carry the meaning.
export type Tone = 'green' | 'red' | 'yellow' | 'cyan' | 'gray' | 'blue' | 'magenta';

export function colorEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NO_COLOR === undefined || env.NO_COLOR === '';
}

export function tone(color: Tone): Tone | undefined {
  return colorEnabled() ? color : undefined;
}

export const SYMBOLS = {
  done: '✔',
  failed: '✖',
  skipped: '↷',
  pending: '·',
  warn: '⚠',
  info: 'ℹ',
} as const;
