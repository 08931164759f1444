import { parseVoucherCode } from './voucher-code.ts';

const PREFIX = 'MAV1';

/**
 * Text encoded in a voucher's QR image: a version prefix, the allocation id and the voucher code.
 * Identifiers only, so a photographed voucher reveals nothing about the household.
 */
export function voucherQrPayload(allocationId: string, voucherCode: string): string {
  return `${PREFIX}|${allocationId}|${voucherCode}`;
}

/** Reads a scanned payload back; undefined when it is not one of ours or the code is invalid. */
export function parseVoucherQrPayload(
  payload: string,
): { allocationId: string; voucherCode: string } | undefined {
  const [prefix, allocationId, code, ...rest] = payload.split('|');
  if (prefix !== PREFIX || !allocationId || code === undefined || rest.length > 0) return undefined;
  const voucherCode = parseVoucherCode(code);
  return voucherCode ? { allocationId, voucherCode } : undefined;
}
