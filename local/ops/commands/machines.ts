import { formatMachines } from '../format.ts';
import { summariseMachines } from '../machines.ts';
import { type CommandContext, printJson } from './context.ts';

export async function machinesCommand(context: CommandContext, args: { json: boolean }): Promise<number> {
  const machines = await summariseMachines(context.client);
  if (args.json) printJson(context, { stateMachines: machines });
  else context.stdout(machines.length === 0 ? 'No state machines.' : formatMachines(machines));
  return 0;
}
