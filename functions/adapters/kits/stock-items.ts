import type { KitLine } from '#domain/kits/entitlement.ts';
import type { MovementType } from '#domain/stock/stock-movement.ts';
import { movementSk, stockPk, stockSk } from './keys.ts';
import type { TransactItem } from './transact.ts';

/**
 * Transaction items that move stock. Each balance change is a conditional update of the site's
 * kit item, so no interleaving can take `available` or `reserved` below zero, and each one comes
 * with its append-only ledger movement in the same transaction.
 */

const key = (siteId: string, kitType: string) => ({ pk: stockPk(siteId), sk: stockSk(kitType) });

/** available → reserved, only if enough is available. */
export const reserveStock = (table: string, siteId: string, line: KitLine, at: string): TransactItem => ({
  Update: {
    TableName: table,
    Key: key(siteId, line.kitType),
    UpdateExpression: 'SET available = available - :q, reserved = reserved + :q, updatedAt = :at',
    ConditionExpression: 'available >= :q',
    ExpressionAttributeValues: { ':q': line.quantity, ':at': at },
  },
});

/** reserved → available (released) or reserved → distributed (issued). */
export const settleStock = (
  table: string,
  siteId: string,
  line: KitLine,
  to: 'available' | 'distributed',
  at: string,
): TransactItem => ({
  Update: {
    TableName: table,
    Key: key(siteId, line.kitType),
    UpdateExpression: `SET reserved = reserved - :q, ${to} = ${to} + :q, updatedAt = :at`,
    ConditionExpression: 'reserved >= :q',
    ExpressionAttributeValues: { ':q': line.quantity, ':at': at },
  },
});

/** A receipt: creates the kit's balances on first delivery. */
export const receiveStock = (table: string, siteId: string, line: KitLine, at: string): TransactItem => ({
  Update: {
    TableName: table,
    Key: key(siteId, line.kitType),
    UpdateExpression:
      'SET available = if_not_exists(available, :zero) + :q, received = if_not_exists(received, :zero) + :q, ' +
      'reserved = if_not_exists(reserved, :zero), distributed = if_not_exists(distributed, :zero), ' +
      'lost = if_not_exists(lost, :zero), adjusted = if_not_exists(adjusted, :zero), ' +
      'siteId = :site, kitType = :kit, updatedAt = :at',
    ExpressionAttributeValues: {
      ':q': line.quantity,
      ':zero': 0,
      ':site': siteId,
      ':kit': line.kitType,
      ':at': at,
    },
  },
});

/**
 * A count's correction of `available` (signed). Conditional on the balance the count was compared
 * with: if stock moved in between, the count must be reconciled again rather than applied blindly.
 */
export const adjustStock = (
  table: string,
  siteId: string,
  kitType: string,
  correction: number,
  seen: { available: number; reserved: number },
  at: string,
): TransactItem => ({
  Update: {
    TableName: table,
    Key: key(siteId, kitType),
    UpdateExpression:
      'SET available = if_not_exists(available, :zero) + :q, adjusted = if_not_exists(adjusted, :zero) + :q, ' +
      'received = if_not_exists(received, :zero), reserved = if_not_exists(reserved, :zero), ' +
      'distributed = if_not_exists(distributed, :zero), lost = if_not_exists(lost, :zero), ' +
      'siteId = :site, kitType = :kit, updatedAt = :at',
    // A kit never received before counts as zero on both sides.
    ConditionExpression:
      seen.available === 0 && seen.reserved === 0
        ? 'attribute_not_exists(pk) OR (available = :available AND reserved = :reserved)'
        : 'available = :available AND reserved = :reserved',
    ExpressionAttributeValues: {
      ':q': correction,
      ':zero': 0,
      ':available': seen.available,
      ':reserved': seen.reserved,
      ':site': siteId,
      ':kit': kitType,
      ':at': at,
    },
  },
});

/** One ledger entry. */
export const movementPut = (
  table: string,
  movement: {
    siteId: string;
    type: MovementType;
    kitType: string;
    quantity: number;
    at: string;
    reference: string;
  },
  movementId: string,
): TransactItem => ({
  Put: {
    TableName: table,
    Item: { pk: stockPk(movement.siteId), sk: movementSk(movement.at, movementId), movementId, ...movement },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});
