import { afterEach, beforeEach, expect, vi } from 'vitest';

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

/**
 * A real package and its bundle stand-in run side by side: the same scenario through each under
 * the same environment (`envKeys` cleared first), everything they print compared line for line.
 */
export function sideBySide<Impl>(options: {
  envKeys: readonly string[];
  real: Impl;
  standIn: Impl;
  /** Console methods the packages may print through (each captured as `console.<method> …`). */
  consoleMethods: readonly ConsoleMethod[];
}) {
  const { envKeys, real, standIn, consoleMethods } = options;
  const savedEnv = Object.fromEntries(envKeys.map((key) => [key, process.env[key]]));

  const setEnv = (vars: Record<string, string>): void => {
    for (const key of envKeys) delete process.env[key];
    Object.assign(process.env, vars);
  };

  /** Everything written to stdout/stderr and the console while `run` runs (a throw as a line too). */
  const printed = async (run: () => unknown): Promise<string[]> => {
    const lines: string[] = [];
    const savedTrace = console.trace;
    const spies = [
      vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
        lines.push(`stdout ${String(chunk)}`);
        return true;
      }),
      vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
        lines.push(`stderr ${String(chunk)}`);
        return true;
      }),
      ...consoleMethods.map((method) =>
        vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
          lines.push(`console.${method} ${args.map(String).join(' ')}`);
        }),
      ),
    ];
    try {
      await run();
    } catch (error) {
      lines.push(`threw ${(error as Error).name}: ${(error as Error).message}`);
    } finally {
      for (const spy of spies) spy.mockRestore();
      console.trace = savedTrace;
    }
    return lines;
  };

  return {
    /**
     * Call inside a describe: each test runs on a clock fixed at `at` (so timestamps compare equal)
     * and the environment the file started with is put back after it.
     */
    fixedClockEachTest(at: string): void {
      beforeEach(() => {
        vi.useFakeTimers({ toFake: ['Date'] });
        vi.setSystemTime(new Date(at));
      });
      afterEach(() => {
        vi.useRealTimers();
        setEnv({});
        for (const [key, value] of Object.entries(savedEnv))
          if (value !== undefined) process.env[key] = value;
      });
    },
    /** Runs the scenario on both under `env`; expects the same lines and returns the real ones. */
    async sameLines(env: Record<string, string>, scenario: (impl: Impl) => unknown): Promise<string[]> {
      setEnv(env);
      const realLines = await printed(() => scenario(real));
      setEnv(env);
      const standInLines = await printed(() => scenario(standIn));
      expect(standInLines).toEqual(realLines);
      return realLines;
    },
  };
}
