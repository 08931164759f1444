/** What of a result or an error the SDK and the small clients must agree on. */
export type Side = 'sdk' | 'small';

/** Table names differ between the sides; everything else must match. */
const neutral = (value: unknown, table: string): unknown =>
  JSON.parse(
    JSON.stringify(value, (_key, member) =>
      member instanceof Uint8Array
        ? { bytes: [...member] }
        : member instanceof Set
          ? { set: [...member].sort() }
          : member,
    ).replaceAll(table, '<table>'),
  );

export function comparableOutput(output: Record<string, unknown>, table: string): unknown {
  const { $metadata, ...rest } = output as { $metadata?: { httpStatusCode?: number } };
  return neutral({ ...rest, status: $metadata?.httpStatusCode }, table);
}

export function comparableError(error: unknown, table: string): unknown {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const {
    $metadata,
    $response: _response,
    $retryable: _retryable,
    ...members
  } = error as Error & {
    $metadata?: { httpStatusCode?: number };
    $response?: unknown;
    $retryable?: unknown;
  };
  return neutral(
    { ...members, name: error.name, message: error.message, status: $metadata?.httpStatusCode },
    table,
  );
}
