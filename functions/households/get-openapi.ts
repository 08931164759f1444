import { httpHandler } from '#shared/http/http-handler.ts';
import { openApiDocument } from '../schemas/openapi.ts';

// Built once per container: the document is a pure function of the schemas in the bundle.
const document = openApiDocument();

/** GET /openapi.json: the OpenAPI 3.1 document generated from the zod schemas. */
export const handler = httpHandler({ route: 'GET /openapi.json', core: async () => document });
