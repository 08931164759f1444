import { parseDuration } from '../duration.ts';
import { listExecutions, parseStatus } from '../executions.ts';
import { formatExecutions } from '../format.ts';
import { type CommandContext, printJson } from './context.ts';

export const executionsOptions = {
  status: { type: 'string' },
  workflow: { type: 'string' },
  since: { type: 'string' },
  limit: { type: 'string' },
} as const;

export interface ExecutionsArgs {
  status?: string | undefined;
  workflow?: string | undefined;
  since?: string | undefined;
  limit?: string | undefined;
  json: boolean;
}

export async function executionsCommand(context: CommandContext, args: ExecutionsArgs): Promise<number> {
  const limit = args.limit ? Number.parseInt(args.limit, 10) : 100;
  const filter = {
    status: args.status ? parseStatus(args.status) : undefined,
    workflow: args.workflow,
    since: args.since ? new Date(context.now().getTime() - parseDuration(args.since)) : undefined,
  };
  const { executions, truncated } = await listExecutions(context.client, filter, limit);
  if (args.json) {
    printJson(context, { executions, truncated });
    return 0;
  }
  context.stdout(executions.length === 0 ? 'No executions.' : formatExecutions(executions, context.now()));
  if (truncated) context.stderr(`Showing the newest ${limit}; use --limit for more.`);
  return 0;
}
