import { StopExecutionCommand } from '@aws-sdk/client-sfn';
import { type CommandContext, printJson } from './context.ts';

export async function stopCommand(
  context: CommandContext,
  executionArn: string,
  args: { json: boolean; error?: string | undefined; cause?: string | undefined },
): Promise<number> {
  const stopped = await context.client.send(
    new StopExecutionCommand({ executionArn, error: args.error, cause: args.cause }),
  );
  const stopDate = stopped.stopDate?.toISOString();
  if (args.json) printJson(context, { executionArn, stopDate });
  else context.stdout(`Stopped at ${stopDate}: ${executionArn}`);
  return 0;
}
