import type { SFNClient } from '@aws-sdk/client-sfn';
import { InvalidFilterError, listExecutionsPage } from '../../ops/executions.ts';
import { BadRequestError } from '../errors.ts';
import { executionQuery } from './params.ts';

export async function executionsEndpoint(client: SFNClient, query: URLSearchParams, now: Date) {
  const { pageSize, nextToken, ...filter } = executionQuery(query, now);
  try {
    return await listExecutionsPage(client, filter, { pageSize, nextToken });
  } catch (error) {
    if (error instanceof InvalidFilterError) {
      throw new BadRequestError({
        [error.field]: { en: error.message, fr: frenchFilterMessage(error.field) },
      });
    }
    throw error;
  }
}

function frenchFilterMessage(field: string): string {
  return field === 'workflow' ? 'Aucune machine à états de ce nom.' : 'Jeton de page invalide.';
}
