import { parseStateMachineArn } from '../../runtime/arns.ts';
import { StateMachineDoesNotExistError } from '../../runtime/errors.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import type { StateMachineRow } from '../../runtime/store/rows.ts';

/** What the operations work with: the durable runtime, and one in memory for Express sync runs. */
export interface ServiceContext {
  runtime: Runtime;
  expressRuntime: () => Runtime;
  region: string;
  accountId: string;
}

export interface ResolvedStateMachine {
  machine: StateMachineRow;
  versionArn: string | null;
  revisionId: string;
}

/** A state machine or one of its published versions, by ARN. */
export function resolveStateMachine(context: ServiceContext, arn: string): ResolvedStateMachine {
  const parts = parseStateMachineArn(arn);
  const store = context.runtime.store;
  const baseArn = parts.version === undefined ? arn : arn.slice(0, arn.lastIndexOf(':'));
  const machine = store.getStateMachine(baseArn);
  if (!machine) throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: '${arn}'`);
  if (parts.version === undefined) return { machine, versionArn: null, revisionId: machine.revisionId };
  const version = store.getVersion(arn);
  if (!version) throw new StateMachineDoesNotExistError(`State Machine Does Not Exist: '${arn}'`);
  return { machine, versionArn: arn, revisionId: version.revisionId };
}

/** AWS JSON carries epoch seconds; in process we use Dates (the server serializes them). */
export const dateOf = (epochMs: number) => new Date(epochMs);
