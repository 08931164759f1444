import * as z from 'zod';
import { errorResponseSchema } from './responses.ts';
import { ROUTES, type RouteSpec } from './routes.ts';

type JsonObject = Record<string, unknown>;

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 uses) of what a client sends or receives. A schema with an
 * id comes back as a `$ref` into `$defs`; definitions are hoisted into the components so the refs
 * resolve inside the document.
 */
function jsonSchemaOf(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonObject>,
): JsonObject {
  const converted = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    reused: 'inline',
  });
  const {
    $schema: _dialect,
    $defs,
    ...root
  } = JSON.parse(
    JSON.stringify(converted).replaceAll('"#/$defs/', '"#/components/schemas/'),
  ) as JsonObject & { $defs?: Record<string, JsonObject> };
  const rootRef =
    typeof root['$ref'] === 'string' ? root['$ref'].replace('#/components/schemas/', '') : undefined;
  for (const [name, definition] of Object.entries($defs ?? {})) components[name] ??= definition;
  if (rootRef && Object.keys(root).length === 1 && $defs?.[rootRef]) return $defs[rootRef];
  return root;
}

function componentName(schema: z.ZodType, fallback: string): string {
  const id = z.globalRegistry.get(schema)?.id;
  return typeof id === 'string' ? id : fallback;
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas of each route so the
 * document cannot drift from validation. Pass a longer route list to document more routes.
 */
export function openApiDocument(routes: readonly RouteSpec[] = ROUTES): JsonObject {
  const schemas: Record<string, JsonObject> = {};
  schemas['ErrorResponse'] = jsonSchemaOf(errorResponseSchema, 'output', schemas);
  const ref = (schema: z.ZodType, fallback: string, io: 'input' | 'output') => {
    const name = componentName(schema, fallback);
    schemas[name] ??= jsonSchemaOf(schema, io, schemas);
    return { $ref: `#/components/schemas/${name}` };
  };
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const parameters: JsonObject[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
      name: match[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
    for (const [name, schema] of Object.entries(route.query?.shape ?? {})) {
      parameters.push({
        name,
        in: 'query',
        required: !(schema as z.ZodType).safeParse(undefined).success,
        schema: jsonSchemaOf(schema as z.ZodType, 'input', schemas),
      });
    }
    if (route.idempotencyKey) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string', maxLength: 128 },
      });
    }
    parameters.push({
      name: 'Accept-Language',
      in: 'header',
      required: false,
      schema: { type: 'string', examples: ['fr', 'en'] },
    });
    const operation: JsonObject = {
      operationId: route.operationId,
      summary: route.summary,
      parameters,
      responses: {
        [String(route.successStatus)]: {
          description: 'Success',
          ...(route.response && {
            content: {
              'application/json': { schema: ref(route.response, `${route.operationId}Response`, 'output') },
            },
          }),
        },
        ...(route.body && {
          '400': errorResponse('Invalid input: field-level messages in French or English'),
        }),
        ...(route.roles.length > 0 && {
          '401': errorResponse('Not authenticated'),
          '403': errorResponse('Not allowed'),
        }),
      },
    };
    if (route.body) {
      operation['requestBody'] = {
        required: true,
        content: { 'application/json': { schema: ref(route.body, `${route.operationId}Body`, 'input') } },
      };
    }
    if (route.roles.length > 0) {
      operation['security'] = [{ jwt: [] }];
      operation['x-roles'] = [...route.roles];
    }
    paths[route.path] ??= {};
    paths[route.path]![route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Mopti aid casework API', version: '0.1.0' },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas,
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}

function errorResponse(description: string): JsonObject {
  return {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } },
  };
}
