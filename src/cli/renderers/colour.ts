// Colour for the plain renderer's marks: on a terminal only, never with NO_COLOR (no-color.org) or
// a pipe. Hand-written because three SGR codes do not warrant a dependency.
export interface Paint {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
}

const sgr = (code: number) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const same = (text: string) => text;

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function paint(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Paint {
  return colourEnabled(stream, env) ? { green: sgr(32), red: sgr(31), yellow: sgr(33), dim: sgr(2) } : { green: same, red: same, yellow: same, dim: same };
}
