import { existsSync, readFileSync } from 'node:fs';

/** The parent of process `pid`, from /proc (Linux); undefined elsewhere. */
function parentOf(pid: number): number | undefined {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return undefined;
  // Fields after the parenthesised command name: state, ppid, …
  const afterName = readFileSync(stat, 'utf8').split(') ')[1];
  const ppid = Number(afterName?.split(' ')[1]);
  return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Calls `onGone` when the process that launched us goes away. `npm start` runs
 * npm → sh → tsx → node, and npm does not pass SIGTERM on: killing npm would leave the local
 * cloud running with its ports held. Watching the launcher above tsx closes that gap.
 */
export function watchLauncher(onGone: () => void, intervalMs = 1000): () => void {
  const launcher = parentOf(process.ppid);
  if (launcher === undefined) return () => undefined;
  const timer = setInterval(() => {
    if (!alive(launcher)) {
      clearInterval(timer);
      onGone();
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
