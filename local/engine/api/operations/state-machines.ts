import { createHash } from 'node:crypto';
import { isValidName, parseExecutionArn, stateMachineArn } from '../../runtime/arns.ts';
import {
  ExecutionDoesNotExistError,
  InvalidDefinitionError,
  InvalidNameError,
  StateMachineAlreadyExistsError,
  ValidationError,
} from '../../runtime/errors.ts';
import type { StateMachineRow, StateMachineType } from '../../runtime/store/rows.ts';
import { invalidDefinitionMessage, validateDefinition } from '../validate-definition.ts';
import { dateOf, resolveStateMachine, type ServiceContext } from './context.ts';
import { decodePageToken, encodePageToken, pageSize, required } from './paging.ts';

interface Tag {
  key: string;
  value: string;
}

export interface CreateStateMachineInput {
  name: string;
  definition: string;
  roleArn: string;
  type?: StateMachineType;
  description?: string;
  loggingConfiguration?: unknown;
  tracingConfiguration?: unknown;
  tags?: Tag[];
  publish?: boolean;
  versionDescription?: string;
}

function checkDefinition(definition: string) {
  const diagnostics = validateDefinition(definition);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'ERROR'))
    throw new InvalidDefinitionError(invalidDefinitionMessage(diagnostics));
}

const revisionIdOf = (arn: string, definition: string, roleArn: string) =>
  createHash('sha256').update(`${arn}\n${roleArn}\n${definition}`).digest('hex').slice(0, 32);

const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(value));

function publishVersion(context: ServiceContext, machine: StateMachineRow, description: string | undefined) {
  const version = machine.lastVersion + 1;
  const arn = `${machine.arn}:${version}`;
  context.runtime.store.insertVersion({
    arn,
    stateMachineArn: machine.arn,
    version,
    revisionId: machine.revisionId,
    description: description ?? null,
    creationDate: context.runtime.clock.now(),
  });
  return arn;
}

export function createStateMachine(context: ServiceContext, input: CreateStateMachineInput) {
  const name = required(input.name, 'name');
  const definition = required(input.definition, 'definition');
  const roleArn = required(input.roleArn, 'roleArn');
  if (!isValidName(name)) throw new InvalidNameError(`Invalid Name: '${name}'`);
  const type = input.type ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') throw new ValidationError(`Invalid type: '${type}'`);
  checkDefinition(definition);
  const store = context.runtime.store;
  const arn = stateMachineArn(context.region, context.accountId, name);
  const revisionId = revisionIdOf(arn, definition, roleArn);
  const existing = store.getStateMachine(arn);
  if (existing) {
    // AWS: creating the same machine again is idempotent; anything different is a conflict.
    if (existing.revisionId === revisionId && existing.type === type)
      return { stateMachineArn: arn, creationDate: dateOf(existing.creationDate) };
    throw new StateMachineAlreadyExistsError(`State Machine Already Exists: '${arn}'`);
  }
  const now = context.runtime.clock.now();
  const machine: StateMachineRow = {
    arn,
    name,
    type,
    roleArn,
    revisionId,
    description: input.description ?? null,
    logging: json(input.loggingConfiguration),
    tracing: json(input.tracingConfiguration),
    creationDate: now,
    lastVersion: 0,
  };
  store.insertStateMachine(machine, { revisionId, stateMachineArn: arn, definition, roleArn, created: now });
  if (input.tags?.length) store.putTags(arn, input.tags);
  const versionArn = input.publish ? publishVersion(context, machine, input.versionDescription) : undefined;
  return {
    stateMachineArn: arn,
    creationDate: dateOf(now),
    ...(versionArn && { stateMachineVersionArn: versionArn }),
  };
}

export function updateStateMachine(
  context: ServiceContext,
  input: {
    stateMachineArn: string;
    definition?: string;
    roleArn?: string;
    loggingConfiguration?: unknown;
    tracingConfiguration?: unknown;
    publish?: boolean;
    versionDescription?: string;
  },
) {
  const { machine } = resolveStateMachine(context, required(input.stateMachineArn, 'stateMachineArn'));
  const store = context.runtime.store;
  const current = store.getRevision(machine.revisionId)!;
  const definition = input.definition ?? current.definition;
  if (input.definition !== undefined) checkDefinition(definition);
  const roleArn = input.roleArn ?? machine.roleArn;
  const revisionId = revisionIdOf(machine.arn, definition, roleArn);
  const now = context.runtime.clock.now();
  const updated: StateMachineRow = {
    ...machine,
    roleArn,
    revisionId,
    logging: input.loggingConfiguration === undefined ? machine.logging : json(input.loggingConfiguration),
    tracing: input.tracingConfiguration === undefined ? machine.tracing : json(input.tracingConfiguration),
  };
  store.updateStateMachine(updated, {
    revisionId,
    stateMachineArn: machine.arn,
    definition,
    roleArn,
    created: now,
  });
  const versionArn = input.publish ? publishVersion(context, updated, input.versionDescription) : undefined;
  return { updateDate: dateOf(now), revisionId, ...(versionArn && { stateMachineVersionArn: versionArn }) };
}

function describe(context: ServiceContext, machine: StateMachineRow, revisionId: string, arn: string) {
  const revision = context.runtime.store.getRevision(revisionId)!;
  return {
    stateMachineArn: arn,
    name: machine.name,
    status: 'ACTIVE',
    definition: revision.definition,
    roleArn: revision.roleArn,
    type: machine.type,
    creationDate: dateOf(machine.creationDate),
    loggingConfiguration: machine.logging
      ? JSON.parse(machine.logging)
      : { level: 'OFF', includeExecutionData: false },
    tracingConfiguration: machine.tracing ? JSON.parse(machine.tracing) : { enabled: false },
    revisionId,
    ...(machine.description !== null && { description: machine.description }),
  };
}

export function describeStateMachine(context: ServiceContext, input: { stateMachineArn: string }) {
  const arn = required(input.stateMachineArn, 'stateMachineArn');
  const { machine, revisionId } = resolveStateMachine(context, arn);
  return describe(context, machine, revisionId, arn);
}

export function describeStateMachineForExecution(context: ServiceContext, input: { executionArn: string }) {
  const arn = required(input.executionArn, 'executionArn');
  parseExecutionArn(arn);
  const execution = context.runtime.store.getExecution(arn);
  if (!execution) throw new ExecutionDoesNotExistError(`Execution Does Not Exist: '${arn}'`);
  const machine = context.runtime.store.getStateMachine(execution.stateMachineArn);
  const revision = context.runtime.store.getRevision(execution.revisionId)!;
  const {
    creationDate: _created,
    status: _status,
    type: _type,
    ...described
  } = machine
    ? describe(context, machine, execution.revisionId, execution.stateMachineArn)
    : {
        stateMachineArn: execution.stateMachineArn,
        name: execution.stateMachineArn.split(':').at(-1),
        definition: revision.definition,
        roleArn: revision.roleArn,
        revisionId: execution.revisionId,
        creationDate: undefined,
        status: undefined,
        type: undefined,
      };
  return { ...described, updateDate: dateOf(revision.created) };
}

export function listStateMachines(
  context: ServiceContext,
  input: { maxResults?: number; nextToken?: string },
) {
  const limit = pageSize(input.maxResults);
  const after = decodePageToken(input.nextToken, (value): value is string => typeof value === 'string') ?? '';
  const rows = context.runtime.store.listStateMachines(after, limit + 1);
  const page = rows.slice(0, limit);
  return {
    stateMachines: page.map((row) => ({
      stateMachineArn: row.arn,
      name: row.name,
      type: row.type,
      creationDate: dateOf(row.creationDate),
    })),
    ...(rows.length > limit && { nextToken: encodePageToken(page.at(-1)!.arn) }),
  };
}

export function deleteStateMachine(context: ServiceContext, input: { stateMachineArn: string }) {
  const arn = required(input.stateMachineArn, 'stateMachineArn');
  resolveStateMachine(context, arn);
  // As on AWS, running executions carry on: they hold their definition revision.
  context.runtime.store.deleteStateMachine(arn);
  return {};
}

export function validateStateMachineDefinition(
  context: ServiceContext,
  input: { definition: string; maxResults?: number },
) {
  void context;
  const diagnostics = validateDefinition(required(input.definition, 'definition'));
  const limit = input.maxResults || 100;
  return {
    result: diagnostics.some((diagnostic) => diagnostic.severity === 'ERROR') ? 'FAIL' : 'OK',
    diagnostics: diagnostics.slice(0, limit),
    truncated: diagnostics.length > limit,
  };
}
