import * as z from 'zod';
import { taskHandler } from '#shared/task/task-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { type KitDeps, kitDeps } from './kit-deps.ts';
import { AllocationMissingError } from './voucher-issue.ts';

/**
 * Parks the confirmation step: its token goes on the voucher, where the confirmation request
 * finds it. If the voucher was already used (a confirmation came first) or expired, the step is
 * answered at once with the allocation's status.
 */
export async function awaitConfirmation(
  deps: Pick<KitDeps, 'allocations' | 'wake'>,
  allocationId: string,
  taskToken: string,
): Promise<{ allocationId: string; waiting: boolean }> {
  const allocation = await deps.allocations.get(allocationId);
  if (!allocation) throw new AllocationMissingError(allocationId);
  if (allocation.status === 'RESERVED' && allocation.voucherCode) {
    if (await deps.allocations.storeVoucherToken(allocation.voucherCode, taskToken))
      return { allocationId, waiting: true };
  }
  const current = (await deps.allocations.get(allocationId)) ?? allocation;
  await deps.wake(taskToken, { status: current.status });
  return { allocationId, waiting: false };
}

/** Kit-dispatch task "Wait for confirmation" (`.waitForTaskToken`): `{ allocationId, taskToken }`. */
export const handler = taskHandler({
  name: 'kit-dispatch.await-confirmation',
  input: z.object({ allocationId: idSchema, taskToken: z.string().min(1) }),
  core: async ({ allocationId, taskToken }) => awaitConfirmation(kitDeps(), allocationId, taskToken),
});
