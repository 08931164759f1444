import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { eventually } from './cloud-clients.ts';
import { dynamoDbLocalsUsing } from './java-processes.ts';

const run = promisify(execFile);
const fixture = inject('fixtureCloud');
const dataDir = mkdtempSync(join(tmpdir(), 'local-cloud-cli-'));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, npm run token, npm run reset', () => {
  it('starts, prints the banner, writes endpoints.json when ready, and stops everything on SIGTERM', async () => {
    // As package.json runs them: Node 24 runs the TypeScript as it is (type stripping), no tsx.
    const args = [
      'local/cloud/start.ts',
      '--assembly',
      fixture.assemblyDir,
      '--synth',
      'never',
      '--data-dir',
      dataDir,
    ];
    for (const flag of ['--api-port', '--identity-port', '--dynamodb-port', '--s3-port', '--sfn-port'])
      args.push(flag, '0');
    let output = '';
    child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const endpointsFile = join(dataDir, 'endpoints.json');
    const endpoints = await eventually(
      async () => (existsSync(endpointsFile) ? JSON.parse(readFileSync(endpointsFile, 'utf8')) : undefined),
      60_000,
    );
    await eventually(async () => (output.includes('Ctrl-C stops everything') ? true : undefined));
    expect(output).toMatch(/Local cloud ready in \d+\.\d s/);
    expect(output).toContain(endpoints.api);
    expect(output).toContain('TOKEN=$(npm run -s token -- --role caseworker --data-dir');
    expect(await dynamoDbLocalsUsing(dataDir)).toBe(1);

    const { stdout: token } = await run(process.execPath, [
      'local/cloud/token-cli.ts',
      '--data-dir',
      dataDir,
      '--role',
      'caseworker',
      '--partner',
      'org-3',
    ]);
    const response = await fetch(`${endpoints.api}/items/cli`, {
      headers: { authorization: `Bearer ${token.trim()}` },
    });
    expect(response.status).toBe(200);
    const { event } = await response.json();
    expect(event.requestContext.authorizer.jwt.claims['custom:partnerId']).toBe('org-3');

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    // The runtime's own process gets it, as from Ctrl-C or a supervisor.
    child.kill('SIGTERM');
    await exited;
    expect(output).toContain('SIGTERM: stopping the local cloud');
    expect(existsSync(endpointsFile)).toBe(false);
    await eventually(async () => ((await dynamoDbLocalsUsing(dataDir)) === 0 ? true : undefined));
  });

  it('resets the data directory, refusing while the cloud runs', async () => {
    const target = mkdtempSync(join(tmpdir(), 'local-cloud-reset-'));
    mkdirSync(join(target, 'identity'));
    writeFileSync(join(target, 'identity', 'signing-key.json'), '{}');
    mkdirSync(join(target, 's3'));
    writeFileSync(join(target, 'engine.db'), '');
    await run(process.execPath, ['local/cloud/reset.ts', '--data-dir', target, '--keep-identity']);
    expect(existsSync(join(target, 's3'))).toBe(false);
    expect(existsSync(join(target, 'engine.db'))).toBe(false);
    expect(existsSync(join(target, 'identity', 'signing-key.json'))).toBe(true);
    const refused = await run(process.execPath, ['local/cloud/reset.ts', '--data-dir', fixture.dataDir]).then(
      () => 'reset',
      (error: { stderr: string }) => error.stderr,
    );
    expect(refused).toMatch(/is running/);
    expect(existsSync(join(fixture.dataDir, 'engine.db'))).toBe(true);
    rmSync(target, { recursive: true, force: true });
  });
});
