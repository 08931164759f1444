/**
 * Runs bench/engine.ts (the engine engineer's bench: durable engine against aws-local-stepfunctions
 * on the same 10-state definition and handlers) in a child process and reads its figures.
 */
import { join } from 'node:path';
import type { Table } from './lib/markdown.ts';
import { spawnTimed } from './lib/spawn-timed.ts';

export interface EngineFigures {
  executions: number;
  /** Executions kept in flight by each engine. */
  inFlight: number;
  lines: { label: string; wallPerSecond: number; cpuPerSecond: number }[];
  ratioWall: number;
  ratioCpu: number;
  header: string;
}

/** Parses bench/engine.ts's output (its lines are its interface; a change there shows up here as an error). */
export function parseEngineOutput(stdout: string): Omit<EngineFigures, 'executions' | 'inFlight'> {
  const lines = stdout.trim().split('\n');
  const rates = lines.flatMap((line) => {
    const match = line.match(/^(.+?)\s+(\d+) \/s wall\s+(\d+) \/s of CPU$/);
    return match
      ? [{ label: match[1]!.trim(), wallPerSecond: Number(match[2]), cpuPerSecond: Number(match[3]) }]
      : [];
  });
  const ratio = stdout.match(/ratio durable \/ aws-local-stepfunctions: ([\d.]+) \(wall\), ([\d.]+) \(CPU\)/);
  if (!ratio || rates.length === 0) throw new Error(`bench/engine.ts printed no figures:\n${stdout}`);
  return { header: lines[0] ?? '', lines: rates, ratioWall: Number(ratio[1]), ratioCpu: Number(ratio[2]) };
}

export async function benchEngine(options: {
  rootDir: string;
  executions: number;
  rounds: number;
  inFlight: number;
}): Promise<EngineFigures> {
  const run = await spawnTimed(
    // Node 24 runs the TypeScript as it is (type stripping), as `npm start` runs the engine: tsx's
    // transform names every closure through Object.defineProperty (esbuild keepNames), a cost the
    // engine does not have outside tsx.
    process.execPath,
    [
      join(options.rootDir, 'bench', 'engine.ts'),
      String(options.executions),
      String(options.inFlight),
      String(options.rounds),
    ],
    { cwd: options.rootDir },
  );
  if (run.code !== 0) throw new Error(`bench/engine.ts exited ${run.code}: ${run.stderr.slice(-500)}`);
  return { executions: options.executions, inFlight: options.inFlight, ...parseEngineOutput(run.stdout) };
}

const rateOf = (figures: EngineFigures, label: string) =>
  figures.lines.find((line) => line.label.startsWith(label))?.wallPerSecond ?? Number.NaN;

/**
 * The same comparison with fewer and more executions in flight: group commit makes the durable
 * engine cheaper per execution the more executions share a commit, while the in-memory peer
 * slows as its heap grows; the goal is judged on the headline run (100 in flight).
 */
export function inFlightTable(sweep: EngineFigures[]): Table {
  return {
    title: 'By executions in flight (bench/engine.ts)',
    headers: [
      'in flight',
      'durable engine /s (wall)',
      'aws-local-stepfunctions /s (wall)',
      'ratio (wall)',
      'ratio (CPU)',
    ],
    rows: sweep.map((figures) => [
      figures.inFlight,
      rateOf(figures, 'durable engine'),
      rateOf(figures, 'aws-local-stepfunctions'),
      figures.ratioWall,
      figures.ratioCpu,
    ]),
    notes: [`${sweep[0]?.executions ?? 0} executions per round, median of the rounds of each run.`],
  };
}

export function engineTable(figures: EngineFigures): Table {
  return {
    title: 'Engine throughput (bench/engine.ts)',
    headers: ['engine', 'executions/s (wall)', 'executions/s of CPU'],
    rows: figures.lines.map((line) => [line.label, line.wallPerSecond, line.cpuPerSecond]),
    notes: [
      figures.header,
      `Ratio durable / aws-local-stepfunctions: **${figures.ratioWall}** (wall), **${figures.ratioCpu}** (CPU). Goal ≥ 1: ${figures.ratioWall >= 1 ? 'met' : 'NOT met'} (wall), ${figures.ratioCpu >= 1 ? 'met' : 'NOT met'} (CPU).`,
    ],
  };
}
