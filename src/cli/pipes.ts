// A reader that goes away (`sparkify query … | head -2`, `sparkify run --yes 2>&1 | head -3`) must
// neither crash the process with `Error: write EPIPE` nor stop work already sent to AWS half-way:
// output to a closed pipe is dropped quietly and the command finishes with its own exit code.
let guarded = false;

export function guardPipes(): void {
  if (guarded) return;
  guarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // Later writes to the closed stream fail with ERR_STREAM_DESTROYED: dropped the same way.
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
      throw err;
    });
  }
}
