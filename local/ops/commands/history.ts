import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { formatHistory } from '../format.ts';
import { getFullHistory, withoutData } from '../history.ts';
import { type CommandContext, printJson } from './context.ts';

/** Input and output stay out unless `--data` asks for them: operators rarely need payloads. */
export async function historyCommand(
  context: CommandContext,
  executionArn: string,
  args: { json: boolean; data: boolean },
): Promise<number> {
  const execution = await context.client.send(new DescribeExecutionCommand({ executionArn }));
  const events = await getFullHistory(context.client, executionArn, { includeExecutionData: args.data });
  const shown = args.data ? events : events.map(withoutData);
  if (args.json) {
    printJson(context, {
      executionArn,
      status: execution.status,
      error: execution.error,
      cause: execution.cause,
      events: shown,
    });
    return 0;
  }
  context.stdout(`${execution.name}  ${execution.status}${execution.error ? `  ${execution.error}` : ''}`);
  if (execution.cause) context.stdout(`cause: ${execution.cause}`);
  context.stdout(formatHistory(shown));
  return 0;
}
