// A reader that goes away (`sparkify query … | head -2`, `sparkify run --yes 2>&1 | head -3`) must
// neither crash the process with `Error: write EPIPE` nor stop work already sent to AWS half-way:
// output to a closed pipe is dropped quietly and the command finishes with its own exit code.
let guarded = false;

/** True once stdout's reader has gone: renderers may skip work nobody will read. */
export const closed = { stdout: false, stderr: false };

export function guardPipes(): void {
  if (guarded) return;
  guarded = true;
  for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') {
        closed[name] = true;
        return;
      }
      throw err;
    });
  }
}
