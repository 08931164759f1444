import * as z from 'zod';
import { NotFoundError } from '#shared/errors/http-errors.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { registry } from '../intake/registry.ts';
import { householdIdSchema } from '../intake/task-input.ts';
import { householdViewBody } from './household-view.ts';

/** GET /households/{id}: a partner sees only the households its organisation registered. */
export const handler = httpHandler({
  route: 'GET /households/{id}',
  path: z.object({ id: householdIdSchema }),
  core: async ({ path }, context) => {
    const view = await registry().readHousehold(path.id);
    if (!view) {
      // Partners get the same answer for "absent" and "not yours", so ids cannot be probed.
      context.authorize({});
      throw new NotFoundError({ entityType: 'household', entityId: path.id });
    }
    context.authorize(view.household.partnerId ? { partnerId: view.household.partnerId } : {});
    return householdViewBody(view, context.lang);
  },
});
