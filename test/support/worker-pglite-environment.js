// Jest's node environment plus one in-memory PGlite per Jest worker process, shared by every test file
// that worker runs (each file gets its own schema: see test-database.ts).
//
// Why here: Jest gives every test file a fresh module registry and VM context, so a PGlite created by a
// test file dies with it, and starting one costs seconds (WASM start + initdb) against a fraction of a
// second for creating a schema and running the migrations. The environment module itself is loaded
// once per worker by Node, outside the test files' contexts, so state kept at this module's top level
// lives as long as the worker.
//
// The PGlite belongs to this (outer) realm: the test files' code must copy results into its own realm
// (test-database.ts does). Jest runs one test file at a time per worker; `generation` increases when a
// file ends, so a query left running by a finished file is refused instead of touching the next file's
// schema, and a transaction it left open is rolled back.
import { PGlite } from '@electric-sql/pglite';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';
import { INT8_OID, parseInt8 } from '../../src/kernel/db/int8-parser.ts';

/** @type {Promise<PGlite> | undefined} */
let starting;
let generation = 0;
/** @type {Promise<void>} */
let tail = Promise.resolve();
/** The search_path last set on the shared session (one session: every "connection" shares it). */
const session = { searchPath: /** @type {string | undefined} */ (undefined) };

function startPglite() {
  starting ??= PGlite.create({ parsers: { [INT8_OID]: parseInt8 } });
  return starting;
}

/** FIFO mutex over the one PGlite session, reset when a test file ends. */
async function acquire() {
  /** @type {() => void} */
  let release = () => {};
  const previous = tail;
  tail = new Promise((resolve) => {
    release = resolve;
  });
  await previous;
  return release;
}

const shared = {
  pglite: startPglite,
  acquire,
  session,
  get generation() {
    return generation;
  },
};

export default class WorkerPgliteEnvironment extends NodeEnvironment {
  async setup() {
    await super.setup();
    // Started by the first test file that asks for a database (createTestDatabase), so files without
    // one never pay for it; Jest's timeout is a generous liveness bound for that first start.
    this.global.__cpqWorkerPglite = shared;
  }

  async teardown() {
    generation += 1;
    tail = Promise.resolve();
    session.searchPath = undefined;
    if (starting) {
      const pglite = await starting;
      if (pglite.isInTransaction()) await pglite.exec('rollback');
    }
    await super.teardown();
  }
}
