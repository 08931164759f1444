/**
 * The error formatting of Powertools' LogFormatter (lib/esm/formatter/LogFormatter.js): errors as
 * name/location/message/stack/cause plus their own keys.
 */
import { isDevMode } from '../powertools-env.ts';

/** `file:line` of the first stack frame that has one. */
function codeLocation(stack: string | undefined): string {
  for (const line of stack?.split('\n') ?? []) {
    const match = /\(([^()]*?):(\d+?):(\d+?)\)\\?$/.exec(line);
    if (match) return `${match[1]}:${Number(match[2])}`;
  }
  return '';
}

export function formatError(error: Error): Record<string, unknown> {
  const { name, message, stack, cause, ...own } = error as Error & Record<string, unknown>;
  const formatted: Record<string, unknown> = {
    name,
    location: codeLocation(error.stack),
    message,
    stack: isDevMode() && typeof stack === 'string' ? stack.split('\n') : stack,
    cause: cause instanceof Error ? formatError(cause) : cause,
  };
  // `for in` with values from the own keys, as Powertools: an inherited enumerable key is written undefined.
  for (const key in error) {
    if (!['name', 'message', 'stack', 'cause'].includes(key)) formatted[key] = own[key];
  }
  return formatted;
}
