/** One request the API answered (a 429 from the stage throttle is retried, not logged). */
export interface ApiRequestRecord {
  /** The route, e.g. `POST /sites/{siteId}/stock/receipts`. */
  route: string;
  at: number;
  status: number;
}

export interface ApiAnswer<T> {
  status: number;
  body: T;
  text: string;
}

export interface ApiClient {
  call<T = unknown>(
    route: string,
    request: { path: string; token: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<ApiAnswer<T>>;
  readonly log: readonly ApiRequestRecord[];
  /** 429s from the stage throttle, retried and not logged (throttled requests reach no function). */
  throttled(): number;
}

const THROTTLE_RETRIES = 8;

/**
 * A staff client of the HTTP API: JSON in and out, a bearer token, and a back-off on 429 as a
 * client of a throttled stage does. Every answered request is logged with its route, because each
 * is an API Gateway request on the bill.
 */
export function createApiClient(baseUrl: string): ApiClient {
  const log: ApiRequestRecord[] = [];
  let throttled = 0;
  return {
    log,
    throttled: () => throttled,
    async call<T>(
      route: string,
      request: { path: string; token: string; body?: unknown; headers?: Record<string, string> },
    ): Promise<ApiAnswer<T>> {
      const method = route.split(' ')[0] ?? 'GET';
      for (let attempt = 0; ; attempt += 1) {
        const response = await fetch(`${baseUrl}${request.path}`, {
          method,
          headers: {
            authorization: `Bearer ${request.token}`,
            ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...request.headers,
          },
          ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        });
        const text = await response.text();
        if (response.status === 429 && attempt < THROTTLE_RETRIES) {
          throttled += 1;
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          continue;
        }
        log.push({ route, at: Date.now(), status: response.status });
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // Not JSON (e.g. CSV): the text is the body.
        }
        return { status: response.status, body: body as T, text };
      }
    },
  };
}
