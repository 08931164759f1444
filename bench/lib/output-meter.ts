/** Bytes written to this process's stdout and stderr, with when. */
export interface OutputMeter {
  /** Bytes written in [from, to). */
  bytesBetween(from: number, to: number): number;
  stop(): void;
}

type Write = typeof process.stdout.write;

/**
 * Counts what reaches stdout and stderr while it runs. The local runtime forwards each sandbox's
 * output to this process's streams, and the bench itself prints nothing while a cohort runs, so
 * the count is what the functions logged: what CloudWatch Logs would ingest from them, less the
 * START/END/REPORT lines Lambda adds itself.
 */
export function startOutputMeter(): OutputMeter {
  const writes: { at: number; bytes: number }[] = [];
  const wrap = (stream: NodeJS.WriteStream) => {
    const original: Write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
      const bytes =
        typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk instanceof Uint8Array ? chunk.length : 0;
      writes.push({ at: Date.now(), bytes });
      return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
    } as Write;
    return () => {
      stream.write = original;
    };
  };
  const restores = [wrap(process.stdout), wrap(process.stderr)];
  return {
    bytesBetween: (from, to) =>
      writes
        .filter((write) => write.at >= from && write.at < to)
        .reduce((sum, write) => sum + write.bytes, 0),
    stop: () => {
      for (const restore of restores) restore();
    },
  };
}
