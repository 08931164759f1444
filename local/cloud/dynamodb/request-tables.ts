/**
 * The tables a DynamoDB request names, from its JSON body: `TableName` for single-table
 * operations, the keys of `RequestItems` for batches, each item's `TableName` in transactions.
 * PartiQL statements name their table inside the statement text, which is not parsed: a fault
 * limited to a table never matches them.
 */
export function requestTables(body: unknown): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const request = body as {
    TableName?: unknown;
    RequestItems?: unknown;
    TransactItems?: unknown;
  };
  const tables = new Set<string>();
  if (typeof request.TableName === 'string') tables.add(request.TableName);
  if (typeof request.RequestItems === 'object' && request.RequestItems !== null) {
    for (const name of Object.keys(request.RequestItems)) tables.add(name);
  }
  if (Array.isArray(request.TransactItems)) {
    for (const item of request.TransactItems as Record<string, { TableName?: unknown } | undefined>[]) {
      // One of Put, Update, Delete, ConditionCheck (writes) or Get (reads) per item.
      for (const action of Object.values(item ?? {})) {
        if (typeof action?.TableName === 'string') tables.add(action.TableName);
      }
    }
  }
  return [...tables];
}
