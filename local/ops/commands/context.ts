import type { SFNClient } from '@aws-sdk/client-sfn';

/** What a command needs from the outside world; tests pass their own. */
export interface CommandContext {
  client: SFNClient;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Redraws the current terminal line (progress bars); a no-op when output is not a TTY. */
  status: (text: string) => void;
  now: () => Date;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function printJson(context: CommandContext, value: unknown): void {
  context.stdout(JSON.stringify(value, null, 2));
}

export function requireArn(positionals: string[], command: string): string {
  const arn = positionals[0];
  if (!arn) throw new UsageError(`${command} needs an execution ARN: ops ${command} <executionArn>`);
  if (positionals.length > 1) throw new UsageError(`${command} takes one execution ARN`);
  return arn;
}
