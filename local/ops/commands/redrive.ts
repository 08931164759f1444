import { formatDuration } from '../duration.ts';
import { renderProgressBar } from '../progress-bar.ts';
import { redriveExecution } from '../redrive.ts';
import { type CommandContext, printJson } from './context.ts';

export async function redriveCommand(
  context: CommandContext,
  executionArn: string,
  args: { json: boolean; wait: boolean },
): Promise<number> {
  const result = await redriveExecution(context.client, executionArn, {
    wait: args.wait,
    onProgress: args.json
      ? undefined
      : (progress) =>
          context.status(
            `${renderProgressBar(progress.statesDone, progress.statesTotal)} states  ${progress.status}  ${formatDuration(progress.elapsedMs)}`,
          ),
  });
  if (args.json) {
    printJson(context, result);
  } else {
    context.status('');
    context.stdout(`Redriven at ${result.redriveDate}: ${executionArn}`);
    if (result.status) context.stdout(`Status: ${result.status}${result.error ? `  ${result.error}` : ''}`);
    if (result.cause) context.stdout(`cause: ${result.cause}`);
  }
  if (!args.wait) return 0;
  return result.status === 'SUCCEEDED' ? 0 : 1;
}
