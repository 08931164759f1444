import { AppError } from '../errors/app-error.ts';

/** A state input that does not match the task's schema: a bug in the workflow definition. */
export class InvalidTaskInputError extends AppError {
  constructor(options: { paths: string[]; cause?: unknown }) {
    super({
      status: 400,
      code: 'INVALID_TASK_INPUT',
      message: { fr: 'Entrée de tâche invalide.', en: 'Invalid task input.' },
      params: { paths: options.paths.join(',') },
      cause: options.cause,
    });
    this.name = 'InvalidTaskInputError';
  }
}

function describe(original: unknown, requestId: string): string {
  if (!(original instanceof AppError)) return `Task failed (request ${requestId})`;
  // Params are identifiers by contract (ids, field paths, limits), so they may be shown.
  const params = Object.entries(original.params).map(([key, value]) => `${key}=${value}`);
  return `${original.code}${params.length ? ` ${params.join(' ')}` : ''} (request ${requestId})`;
}

/**
 * The error a workflow task reports to Step Functions. Its name is the original error's name,
 * so Retry and Catch match on it (`ErrorEquals: ["ConditionalCheckFailedException"]`); its
 * message never carries the original text, because Lambda error messages are written to the
 * execution history, which every operator reads.
 */
export class TaskFailedError extends Error {
  constructor(original: unknown, requestId: string) {
    super(describe(original, requestId), { cause: original });
    this.name = original instanceof Error ? original.name : 'TaskFailedError';
  }
}
