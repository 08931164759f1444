import type { KitLine } from '#domain/kits/entitlement.ts';

/** Where an allocation is; see docs/DATA-MODEL.md. */
export type AllocationStatus =
  | 'WAITLISTED'
  | 'RESERVED'
  | 'DISTRIBUTED'
  | 'PARTIAL'
  | 'NOT_DISTRIBUTED'
  | 'EXPIRED';

/** Statuses that hold no stock any more. */
export const SETTLED_STATUSES: readonly AllocationStatus[] = [
  'DISTRIBUTED',
  'PARTIAL',
  'NOT_DISTRIBUTED',
  'EXPIRED',
];

/** Who collected the kits. A proxy's name is personal data: it lives on this item only. */
export type Collector =
  | { type: 'HOUSEHOLD' }
  | { type: 'PROXY'; name: string; relationship?: string | undefined; phone?: string | undefined };

/** What the kit-dispatch workflow knows about an allocation before it is stored (identifiers only). */
export interface AllocationRequest {
  allocationId: string;
  householdId: string;
  round: string;
  siteId: string;
  lines: KitLine[];
  /** When the household registered: the waitlist serves in this order. */
  registeredAt: string;
  partnerId?: string | undefined;
}

export interface AllocationRecord extends AllocationRequest {
  status: AllocationStatus;
  createdAt: string;
  updatedAt: string;
  reservedAt?: string | undefined;
  voucherCode?: string | undefined;
  /** Key of the voucher's QR image in the documents bucket. */
  voucherQrKey?: string | undefined;
  issued?: KitLine[] | undefined;
  released?: KitLine[] | undefined;
  settledAt?: string | undefined;
  collector?: Collector | undefined;
  proofDocumentKey?: string | undefined;
  reason?: string | undefined;
  verification?:
    | {
        outcome: string;
        issues?: string[] | undefined;
        note?: string | undefined;
        contactedAt: string;
        recordedBy: string;
      }
    | undefined;
}

/** A waitlisted allocation of a site, with the token of the workflow step waiting for stock. */
export interface WaitlistEntry {
  allocationId: string;
  householdId: string;
  round: string;
  siteId: string;
  registeredAt: string;
  lines: KitLine[];
  taskToken?: string | undefined;
}

export type VoucherStatus = 'ISSUED' | 'USED' | 'EXPIRED';

/** A voucher by code; the token of the step waiting for confirmation is kept here, never returned. */
export interface VoucherRecord {
  code: string;
  allocationId: string;
  householdId: string;
  round: string;
  siteId: string;
  status: VoucherStatus;
  issuedAt: string;
  taskToken?: string | undefined;
}
