import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { openApiDocument } from '../../../functions/schemas/openapi.ts';
import { ROUTES } from '../../../functions/schemas/routes.ts';

type Json = Record<string, unknown>;
const doc = openApiDocument() as Json & {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Json };
};

function refsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) refsIn(item, found);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string') found.push(inner);
      else refsIn(inner, found);
    }
  }
  return found;
}

describe('openApiDocument', () => {
  it('is OpenAPI 3.1 with one operation per route', () => {
    expect(doc['openapi']).toBe('3.1.0');
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods));
    expect(operations).toHaveLength(ROUTES.length);
    expect(new Set(ROUTES.map((route) => route.operationId)).size).toBe(ROUTES.length);
  });

  it('documents the routes of issues 5 to 8', () => {
    for (const [path, method] of [
      ['/households', 'post'],
      ['/kobo/submissions', 'post'],
      ['/reviews/{reviewId}/decision', 'post'],
      ['/sites/{siteId}/stock/receipts', 'post'],
      ['/allocations/{allocationId}/confirmation', 'post'],
      ['/gbv/cases', 'post'],
      ['/gbv/referrals/{referralId}/response', 'post'],
      ['/gbv/stats', 'get'],
      ['/uploads', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });

  it('resolves every $ref inside the document', () => {
    for (const ref of refsIn(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
  });

  it('describes the household body from the zod schema: required fields, bounds, no extra keys', () => {
    const body = doc.components.schemas['HouseholdCommand'] as Json & { properties: Record<string, Json> };
    expect(body['required']).toEqual([
      'headOfHousehold',
      'location',
      'members',
      'displacement',
      'foodSecurity',
      'consent',
    ]);
    expect(body['additionalProperties']).toBe(false);
    const fcs = (body.properties['foodSecurity'] as { properties: Record<string, Json> }).properties[
      'fcs'
    ] as {
      properties: Record<string, Json>;
    };
    expect(fcs.properties['staples']).toMatchObject({ type: 'integer', minimum: 0, maximum: 7 });
  });

  it('lists path parameters, the idempotency header and the roles', () => {
    const confirm = doc.paths['/allocations/{allocationId}/confirmation']?.['post'] as Json & {
      parameters: Json[];
    };
    expect(confirm.parameters.map((p) => p['name'])).toEqual([
      'allocationId',
      'Idempotency-Key',
      'Accept-Language',
    ]);
    expect(confirm['x-roles']).toEqual(['intake', 'partner', 'supervisor']);
    expect(doc.paths['/kobo/submissions']?.['post']?.['security']).toBeUndefined();
  });

  it('documents routes others add to the list', () => {
    const extended = openApiDocument([
      ...ROUTES,
      {
        method: 'get',
        path: '/ping',
        operationId: 'ping',
        summary: 'Ping',
        roles: [],
        successStatus: 200,
        response: z.object({ pong: z.boolean() }),
      },
    ]) as typeof doc;
    expect(extended.paths['/ping']?.['get']?.['operationId']).toBe('ping');
    expect(extended.components.schemas['pingResponse']).toMatchObject({ type: 'object' });
  });
});
