import { InvalidArnError } from './errors.ts';

/** ARNs of state machines, versions and executions, as AWS spells them. */

export interface StateMachineArnParts {
  region: string;
  accountId: string;
  name: string;
  /** Published version number, when the ARN names a version. */
  version?: number;
}

const stateMachinePattern = /^arn:aws[\w-]*:states:([\w-]+):(\d{12}):stateMachine:([^:\s]{1,80})(?::(\d+))?$/;
const executionPattern =
  /^arn:aws[\w-]*:states:([\w-]+):(\d{12}):(?:execution|express):([^:\s]{1,80}):([^:\s]{1,80})(?::.*)?$/;

export const stateMachineArn = (region: string, accountId: string, name: string) =>
  `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

export function parseStateMachineArn(arn: string): StateMachineArnParts {
  const match = stateMachinePattern.exec(arn);
  if (!match) throw new InvalidArnError(`Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
  const [, region, accountId, name, version] = match as unknown as [string, string, string, string, string?];
  return { region, accountId, name, ...(version !== undefined && { version: Number(version) }) };
}

export function executionArn(stateMachine: StateMachineArnParts, executionName: string) {
  return `arn:aws:states:${stateMachine.region}:${stateMachine.accountId}:execution:${stateMachine.name}:${executionName}`;
}

export function expressExecutionArn(
  stateMachine: StateMachineArnParts,
  executionName: string,
  runId: string,
) {
  return `arn:aws:states:${stateMachine.region}:${stateMachine.accountId}:express:${stateMachine.name}:${executionName}:${runId}`;
}

export function parseExecutionArn(arn: string) {
  const match = executionPattern.exec(arn);
  if (!match) throw new InvalidArnError(`Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
  const [, region, accountId, stateMachineName, name] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { region, accountId, stateMachineName, name };
}

/** AWS names: 1-80 characters, no whitespace, brackets, wildcards, special or control characters. */
export const isValidName = (name: string) =>
  name.length >= 1 &&
  name.length <= 80 &&
  !/[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name) &&
  // Control characters (C0, DEL, C1) are refused too, as AWS does.
  ![...name].some(
    (char) => char.charCodeAt(0) < 0x20 || (char.charCodeAt(0) >= 0x7f && char.charCodeAt(0) <= 0x9f),
  );
