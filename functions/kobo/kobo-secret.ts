import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { KOBO_SHARED_SECRET, type SharedSecretOptions } from '#shared/http/authenticate.ts';
import type { SecretSource } from '#shared/http/shared-secret.ts';

/** Where a deployment keeps the secret it typed into Kobo's REST service settings. */
export const KOBO_SECRET_KEY = { pk: 'SECRET', sk: 'kobo-rest-service' } as const;

// Read again after this long, so a rotated secret takes effect without a redeploy.
const CACHE_MS = 5 * 60 * 1000;
// A secret not set yet is looked up again soon: the operator who sets it expects Kobo's next
// delivery to pass, not one five minutes later.
const MISS_CACHE_MS = 5 * 1000;
let cached: { value: string | undefined; readAt: number } | undefined;

/**
 * The Kobo shared secret: KOBO_SHARED_SECRET when the deployment sets it, otherwise the item
 * `SECRET / kobo-rest-service` (attribute `value`) of CONFIG_TABLE, so an operator sets or rotates
 * it per deployment without putting it in the template. Neither set: every request is refused.
 */
export const koboSecret: SecretSource = async () => {
  const fromEnv = process.env['KOBO_SHARED_SECRET'];
  if (fromEnv) return fromEnv;
  const table = process.env['CONFIG_TABLE'];
  if (!table) return undefined;
  if (cached && Date.now() - cached.readAt < (cached.value ? CACHE_MS : MISS_CACHE_MS)) return cached.value;
  const { Item } = await documentClient.send(new GetCommand({ TableName: table, Key: KOBO_SECRET_KEY }));
  const value = typeof Item?.['value'] === 'string' && Item['value'].length >= 16 ? Item['value'] : undefined;
  cached = { value, readAt: Date.now() };
  return value;
};

export const koboSharedSecret: SharedSecretOptions = { ...KOBO_SHARED_SECRET, source: koboSecret };
