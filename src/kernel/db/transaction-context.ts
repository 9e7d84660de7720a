import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, type TransactionBuilder } from 'kysely';
import { AppError } from '../errors/app-error.ts';

/**
 * Marks the async work that runs inside a database transaction, so network clients can refuse to
 * run there. PGlite is one connection: a transaction that waits 30 s for HubSpot holds every other
 * request for 30 s (and a retried call for minutes). The marker is set by the Kysely instance the
 * app opens (TransactionMarkingKysely), so every `db.transaction().execute(...)` carries it; see
 * Node's "Asynchronous context tracking" page (AsyncLocalStorage.run) for how it follows awaits.
 */
const transactionMarker = new AsyncLocalStorage<true>();

export function insideDatabaseTransaction(): boolean {
  return transactionMarker.getStore() === true;
}

/** Runs `work` marked as inside a database transaction (used by the Kysely wrapper and tests). */
export function runMarkedAsTransaction<T>(work: () => Promise<T>): Promise<T> {
  return transactionMarker.run(true, work);
}

/** Thrown when network I/O is attempted inside a database transaction (a programming error). */
export const NETWORK_IN_TRANSACTION = 'NETWORK_IN_TRANSACTION';

export function assertOutsideTransaction(what: string): void {
  if (!insideDatabaseTransaction()) return;
  throw new AppError(
    'internal',
    NETWORK_IN_TRANSACTION,
    `${what} was called inside a database transaction: read from HubSpot first, then open the transaction`,
  );
}

function markingBuilder<DB>(builder: TransactionBuilder<DB>): TransactionBuilder<DB> {
  return new Proxy(builder, {
    get(target, property, receiver) {
      if (property === 'execute') {
        const execute: TransactionBuilder<DB>['execute'] = (callback) =>
          target.execute((trx) => runMarkedAsTransaction(() => callback(trx)));
        return execute;
      }
      if (property === 'setAccessMode' || property === 'setIsolationLevel') {
        if (property === 'setAccessMode') {
          const set: TransactionBuilder<DB>['setAccessMode'] = (mode) => markingBuilder(target.setAccessMode(mode));
          return set;
        }
        const set: TransactionBuilder<DB>['setIsolationLevel'] = (level) =>
          markingBuilder(target.setIsolationLevel(level));
        return set;
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** Kysely whose transactions carry the marker above (`startTransaction` is not used by the app). */
export class TransactionMarkingKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    return markingBuilder(super.transaction());
  }
}
