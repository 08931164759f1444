import type { SFNClient } from '@aws-sdk/client-sfn';
import { summariseMachines } from '../../ops/machines.ts';

export async function machinesEndpoint(client: SFNClient) {
  return { stateMachines: await summariseMachines(client) };
}
