export type OutputMode = 'interactive' | 'plain' | 'json';

/** Decided once: the wizard needs a real terminal on both ends and no CI. */
export function detectOutputMode(
  { json }: { json: boolean },
  io: { stdinIsTTY?: boolean; stdoutIsTTY?: boolean; env?: NodeJS.ProcessEnv } = {
    stdinIsTTY: process.stdin.isTTY,
    stdoutIsTTY: process.stdout.isTTY,
    env: process.env,
  },
): OutputMode {
  if (json) return 'json';
  const ci = Boolean(io.env?.CI) && io.env?.CI !== 'false';
  return io.stdinIsTTY && io.stdoutIsTTY && !ci ? 'interactive' : 'plain';
}
