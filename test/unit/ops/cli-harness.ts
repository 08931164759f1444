import type { SFNClient } from '@aws-sdk/client-sfn';
import { runCli } from '../../../local/ops/run-cli.ts';

export const NOW = new Date('2026-11-20T12:00:00Z');

/** Runs the CLI in process against a (mocked) client and captures what it prints. */
export async function ops(client: SFNClient, ...argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status: string[] = [];
  const code = await runCli(argv, {
    client,
    stdout: (text) => stdout.push(text),
    stderr: (text) => stderr.push(text),
    status: (text) => status.push(text),
    now: () => NOW,
    env: {},
    cwd: '/nonexistent',
  });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n'), status };
}
