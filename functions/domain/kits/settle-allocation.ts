import { DomainError } from '../errors/domain-error.ts';
import type { KitLine } from './entitlement.ts';

/** A partial confirmation names a kit or a quantity that was never reserved for the allocation. */
export class ConfirmationExceedsReservationError extends DomainError {
  constructor(readonly kitType: string) {
    super({
      status: 409,
      code: 'CONFIRMATION_EXCEEDS_RESERVATION',
      message: {
        fr: `Les kits ${kitType} confirmés dépassent ceux réservés pour ce ménage.`,
        en: `The ${kitType} kits confirmed exceed those reserved for this household.`,
      },
      params: { kitType },
    });
    this.name = 'ConfirmationExceedsReservationError';
  }
}

export type ConfirmationStatus = 'DISTRIBUTED' | 'PARTIAL' | 'NOT_DISTRIBUTED';

/** Stock movements that settle a reservation: what leaves the site and what goes back to stock. */
export interface Settlement {
  issue: KitLine[];
  release: KitLine[];
}

/**
 * How a confirmation settles the reserved kits: DISTRIBUTED issues them all, NOT_DISTRIBUTED (or an
 * expired round) releases them all, PARTIAL issues the confirmed kits and releases the rest, so
 * nothing reserved is ever lost. Lines with quantity 0 are left out.
 */
export function settleAllocation(
  reserved: readonly KitLine[],
  confirmation: { status: ConfirmationStatus; kits?: readonly KitLine[] | undefined },
): Settlement {
  if (confirmation.status === 'DISTRIBUTED')
    return { issue: reserved.map((line) => ({ ...line })), release: [] };
  if (confirmation.status === 'NOT_DISTRIBUTED')
    return { issue: [], release: reserved.map((line) => ({ ...line })) };
  const confirmed = new Map<string, number>();
  for (const line of confirmation.kits ?? [])
    confirmed.set(line.kitType, (confirmed.get(line.kitType) ?? 0) + line.quantity);
  for (const [kitType, quantity] of confirmed) {
    const held = reserved.find((line) => line.kitType === kitType)?.quantity ?? 0;
    if (quantity > held) throw new ConfirmationExceedsReservationError(kitType);
  }
  const issue: KitLine[] = [];
  const release: KitLine[] = [];
  for (const line of reserved) {
    const handedOver = confirmed.get(line.kitType) ?? 0;
    if (handedOver > 0) issue.push({ kitType: line.kitType, quantity: handedOver });
    if (line.quantity - handedOver > 0)
      release.push({ kitType: line.kitType, quantity: line.quantity - handedOver });
  }
  return { issue, release };
}
