/** The cancellation reason codes of a failed TransactWriteItems, or undefined if it failed otherwise. */
export function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') return undefined;
  const reasons = (error as Error & { CancellationReasons?: { Code?: string }[] }).CancellationReasons;
  return reasons?.map((reason) => (reason.Code === 'None' ? undefined : reason.Code));
}

/** True when the transaction was cancelled because of the condition on item `index` (and that alone). */
export function failedOnlyOnCondition(error: unknown, index: number): boolean {
  const codes = cancellationCodes(error);
  if (!codes) return false;
  return codes.every((code, i) => (i === index ? code === 'ConditionalCheckFailed' : code === undefined));
}

/** True for a single-item conditional write that failed its condition. */
export const isConditionFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
