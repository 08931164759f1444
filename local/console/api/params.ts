import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import { parseDuration } from '../../ops/duration.ts';
import { EXECUTION_STATUSES } from '../../ops/executions.ts';
import { BadRequestError } from '../errors.ts';

/** Query and body parameters of the console API, checked once here with fr/en field messages. */

const ARN = /^arn:aws[a-z-]*:states:[a-z0-9-]*:\d*:execution:[^:\s]+:[^:\s]+$/;

export function executionArnParam(value: unknown): string {
  if (typeof value === 'string' && ARN.test(value)) return value;
  throw new BadRequestError({
    executionArn: { en: 'Must be an execution ARN.', fr: "Doit être l'ARN d'une exécution." },
  });
}

export interface ExecutionQuery {
  status?: ExecutionStatus | undefined;
  workflow?: string | undefined;
  since?: Date | undefined;
  nextToken?: string | undefined;
  pageSize: number;
}

export function executionQuery(query: URLSearchParams, now: Date): ExecutionQuery {
  const fields: ConstructorParameters<typeof BadRequestError>[0] = {};
  const status = query.get('status') || undefined;
  if (status && !EXECUTION_STATUSES.includes(status as ExecutionStatus)) {
    fields.status = {
      en: `One of ${EXECUTION_STATUSES.join(', ')}.`,
      fr: `Une des valeurs ${EXECUTION_STATUSES.join(', ')}.`,
    };
  }
  let since: Date | undefined;
  const sinceText = query.get('since') || undefined;
  if (sinceText) {
    try {
      since = new Date(now.getTime() - parseDuration(sinceText));
    } catch {
      fields.since = { en: 'A duration such as 30m, 1h or 2d.', fr: 'Une durée comme 30m, 1h ou 2d.' };
    }
  }
  const pageSize = Number(query.get('pageSize') ?? 25);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
    fields.pageSize = { en: 'A whole number from 1 to 100.', fr: 'Un entier de 1 à 100.' };
  }
  if (Object.keys(fields).length > 0) throw new BadRequestError(fields);
  return {
    status: status as ExecutionStatus | undefined,
    workflow: query.get('workflow') || undefined,
    since,
    nextToken: query.get('nextToken') || undefined,
    pageSize,
  };
}
