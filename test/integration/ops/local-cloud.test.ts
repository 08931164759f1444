import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runCli } from '../../../local/ops/run-cli.ts';

/** `npm run ops` beside a running local cloud finds it through `.local/endpoints.json`. */
const cloud = inject('fixtureCloud');

describe('ops CLI with the local cloud', () => {
  it('reads the Step Functions endpoint from .local/endpoints.json and lists its state machines', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ops-cloud-'));
    mkdirSync(join(cwd, '.local'));
    writeFileSync(join(cwd, '.local', 'endpoints.json'), JSON.stringify(cloud.endpoints));
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(['machines', '--json'], {
      stdout: (text) => stdout.push(text),
      stderr: (text) => stderr.push(text),
      env: {},
      cwd,
    });
    expect(code, stderr.join('\n')).toBe(0);
    const arns = JSON.parse(stdout.join('\n')).stateMachines.map(
      (m: { stateMachineArn: string }) => m.stateMachineArn,
    );
    expect(arns).toEqual(expect.arrayContaining(cloud.stateMachineArns));
  });
});
