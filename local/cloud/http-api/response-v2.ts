export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  cookies: string[];
  body: Buffer;
}

const JSON_HEADERS = { 'content-type': 'application/json' };

export function jsonMessage(statusCode: number, message: string): HttpResponse {
  return { statusCode, headers: JSON_HEADERS, cookies: [], body: Buffer.from(JSON.stringify({ message })) };
}

function isStructured(result: unknown): result is Record<string, unknown> {
  return typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
}

/**
 * A function's result as API Gateway maps it for payload format 2.0: a `{ statusCode, … }`
 * object as given; anything else (object, array, string, number) becomes a 200 JSON body.
 */
export function mapResultV2(result: unknown): HttpResponse {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: JSON_HEADERS, cookies: [], body: Buffer.from(body) };
  }
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries((result.headers as Record<string, unknown>) ?? {})) {
    headers[name.toLowerCase()] = String(value);
  }
  for (const [name, values] of Object.entries(
    (result.multiValueHeaders as Record<string, unknown[]>) ?? {},
  )) {
    headers[name.toLowerCase()] = values.map(String).join(',');
  }
  const rawBody = result.body === undefined || result.body === null ? '' : result.body;
  const bodyText = typeof rawBody === 'string' ? rawBody : JSON.stringify(rawBody);
  const body = result.isBase64Encoded === true ? Buffer.from(bodyText, 'base64') : Buffer.from(bodyText);
  const statusCode = Number(result.statusCode);
  if (!Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return jsonMessage(500, 'Internal Server Error');
  }
  return {
    statusCode,
    headers,
    cookies: Array.isArray(result.cookies) ? result.cookies.map(String) : [],
    body,
  };
}
