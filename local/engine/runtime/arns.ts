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

// Every start parses its machine's ARN: parts are kept (the bound keeps bad callers from piling them up).
const parsedStateMachineArns = new Map<string, Readonly<StateMachineArnParts>>();

export function parseStateMachineArn(arn: string): Readonly<StateMachineArnParts> {
  const known = parsedStateMachineArns.get(arn);
  if (known) return known;
  const match = stateMachinePattern.exec(arn);
  if (!match) throw new InvalidArnError(`Invalid Arn: 'Invalid ARN prefix: ${arn}'`);
  const [, region, accountId, name, version] = match as unknown as [string, string, string, string, string?];
  const parts = Object.freeze({
    region,
    accountId,
    name,
    ...(version !== undefined && { version: Number(version) }),
  });
  if (parsedStateMachineArns.size >= 10_000) parsedStateMachineArns.clear();
  parsedStateMachineArns.set(arn, parts);
  return parts;
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
export function isValidName(name: string): boolean {
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name)) return false;
  // Control characters (C0, DEL, C1) are refused too, as AWS does.
  for (let index = 0; index < name.length; index++) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false;
  }
  return true;
}
