import { PutObjectCommand } from '@aws-sdk/client-s3';
import { toString as qrSvg } from 'qrcode';
import * as z from 'zod';
import { s3Client } from '#shared/clients/s3.ts';
import { requireEnv } from '#shared/env.ts';
import { taskHandler } from '#shared/task/task-handler.ts';
import { idSchema } from '../schemas/common.ts';
import { workflowActor } from './dispatch-input.ts';
import { kitDeps } from './kit-deps.ts';
import { issueVoucher, type StoreQrImage } from './voucher-issue.ts';

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

/** Kit-dispatch task "Issue voucher": `{ allocationId }` → `{ allocationId, status }`. */
export const handler = taskHandler({
  name: 'kit-dispatch.issue-voucher',
  input: z.object({ allocationId: idSchema }),
  core: async ({ allocationId }, { requestId }) =>
    issueVoucher({ ...kitDeps(), storeQrImage }, allocationId, workflowActor(requestId)),
});
