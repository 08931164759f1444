import { RedriveExecutionCommand, type SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { executionArnParam } from './params.ts';

/** The only two writes the console makes. The operator's subject is recorded as the stop cause. */
export async function stopEndpoint(client: SFNClient, body: Record<string, unknown>, operator: string) {
  const executionArn = executionArnParam(body.executionArn);
  const stopped = await client.send(
    new StopExecutionCommand({
      executionArn,
      error: 'Operator.Stopped',
      cause: `Stopped from the operator console by ${operator}`,
    }),
  );
  return { executionArn, stopDate: stopped.stopDate?.toISOString() };
}

export async function redriveEndpoint(client: SFNClient, body: Record<string, unknown>) {
  const executionArn = executionArnParam(body.executionArn);
  const redriven = await client.send(new RedriveExecutionCommand({ executionArn }));
  return { executionArn, redriveDate: redriven.redriveDate?.toISOString() };
}
