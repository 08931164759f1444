import { PutObjectCommand } from '@aws-sdk/client-s3';
import { toString as qrSvg } from 'qrcode';
import * as z from 'zod';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { issueVoucherAndAwaitConfirmation } from './confirmation-wait.ts';
import { workflowActor } from './dispatch-input.ts';
import { kitDeps } from './kit-deps.ts';
import type { StoreQrImage } from './voucher-issue.ts';

/** The QR image as SVG (text, small, prints sharp) under `vouchers/` in the documents bucket. */
const storeQrImage: StoreQrImage = async (allocationId, payload) => {
  const key = `vouchers/${allocationId}.svg`;
  await s3Client.send(
    new PutObjectCommand({
      Bucket: requireEnv('DOCUMENTS_BUCKET'),
      Key: key,
      Body: await qrSvg(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
      ContentType: 'image/svg+xml',
    }),
  );
  return key;
};

/**
 * Kit-dispatch task "Wait for confirmation" (`.waitForTaskToken`): `{ allocationId, taskToken }`.
 * Issues the voucher of a RESERVED allocation (a retry keeps the first), then parks the token on
 * it for the confirmation to answer. One Lambda for both: they ran back to back, and each state
 * entered is billed. An allocation not RESERVED (settled by an earlier dispatch) is answered at once
 * with its status.
 */
export const handler = taskHandler({
  name: 'kit-dispatch.issue-voucher',
  input: z.object({ allocationId: idSchema, taskToken: z.string().min(1) }),
  core: async ({ allocationId, taskToken }, { requestId }) =>
    issueVoucherAndAwaitConfirmation(
      { ...kitDeps(), storeQrImage },
      allocationId,
      taskToken,
      workflowActor(requestId),
    ),
});
