/** How a Task resource is called: request/response, `.sync` (`:2`), or `.waitForTaskToken`. */
export type IntegrationPattern = 'request-response' | 'sync' | 'sync2' | 'callback';

export interface ParsedResource {
  /** The resource without its pattern suffix, e.g. `arn:aws:states:::lambda:invoke`. */
  base: string;
  pattern: IntegrationPattern;
}

export function parseResource(resource: string): ParsedResource {
  if (resource.endsWith('.waitForTaskToken'))
    return { base: resource.slice(0, -'.waitForTaskToken'.length), pattern: 'callback' };
  if (resource.endsWith('.sync:2')) return { base: resource.slice(0, -'.sync:2'.length), pattern: 'sync2' };
  if (resource.endsWith('.sync')) return { base: resource.slice(0, -'.sync'.length), pattern: 'sync' };
  return { base: resource, pattern: 'request-response' };
}

export const isCallbackResource = (resource: string) => resource.endsWith('.waitForTaskToken');

/** The SDK metadata AWS adds to the output of optimized integrations (lambda:invoke, dynamodb:*). */
export const sdkMetadata = (requestId: string) => ({
  SdkHttpMetadata: {
    AllHttpHeaders: { 'Content-Type': ['application/json'], 'x-amzn-RequestId': [requestId] },
    HttpHeaders: { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId },
    HttpStatusCode: 200,
  },
  SdkResponseMetadata: { RequestId: requestId },
});
