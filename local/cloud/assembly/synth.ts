import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the cloud assembly is made from; a change in any of them makes cdk.out stale. */
const SOURCES = ['infra', 'functions', 'workflows', 'cdk.json'];

export class SynthError extends Error {
  constructor(code: number | null, output: string) {
    super(`\`cdk synth\` failed (exit ${code}):\n${output}`);
    this.name = 'SynthError';
  }
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/** cdk.out can be reused when its manifest is newer than every source file. */
export function assemblyIsFresh(rootDir: string, assemblyDir: string, sources = SOURCES): boolean {
  const manifest = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  const built = statSync(manifest).mtimeMs;
  return sources.every((source) => newestMtime(join(rootDir, source)) <= built);
}

/**
 * Runs `npx cdk synth --quiet` in `rootDir`, writing the assembly to `assemblyDir`. The CDK CLI
 * refuses to synthesize while another CLI writes the same directory; then it waits and retries.
 */
export async function synthesize(rootDir: string, assemblyDir: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await synthesizeOnce(rootDir, assemblyDir);
    } catch (error) {
      const busy = error instanceof SynthError && /currently synthing/.test(error.message);
      if (!busy || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
}

function synthesizeOnce(rootDir: string, assemblyDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['cdk', 'synth', '--quiet', '--output', assemblyDir], {
      cwd: rootDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new SynthError(code, output))));
  });
}
