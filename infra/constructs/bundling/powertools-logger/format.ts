/**
 * The formatting of Powertools' LogFormatter (lib/esm/formatter/LogFormatter.js): errors as
 * name/location/message/stack/cause plus their own keys, and timestamps in ISO 8601, with the
 * offset of TZ when TZ names a zone other than UTC.
 */
import { envString, isDevMode } from '../powertools-env.ts';

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

/** The zone if Intl knows it, else UTC with one warning per logger (as each Powertools formatter warns once). */
function resolveTimezone(timezone: string, warned: { done: boolean }): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    if (!warned.done) {
      warned.done = true;
      console.warn(`Invalid or unresolvable time zone: "${timezone}" - falling back to UTC.`);
    }
    return 'UTC';
  }
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

export function formatTimestamp(now: Date, warned: { done: boolean }): string {
  const timezone = envString('TZ', '');
  if (!timezone || timezone.includes('UTC')) return now.toISOString();
  const resolved = resolveTimezone(timezone, warned);
  const parts: Record<string, string> = {};
  const formatter = new Intl.DateTimeFormat('en', {
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    timeZone: resolved,
  });
  for (const part of formatter.formatToParts(now)) parts[part.type] = part.value;
  const offset = resolved === timezone ? -now.getTimezoneOffset() : 0;
  const sign = offset >= 0 ? '+' : '-';
  const hours = twoDigits(Math.abs(Math.floor(offset / 60)));
  const minutes = twoDigits(Math.abs(offset % 60));
  const millis = String(now.getMilliseconds()).padStart(3, '0');
  return `${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:${parts['second']}.${millis}${sign}${hours}:${minutes}`;
}
