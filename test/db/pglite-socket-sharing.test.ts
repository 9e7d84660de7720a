import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Socket } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/kernel/db/open-database.ts';
import { SOCKET_PORT } from '../../src/kernel/db/pglite-socket-server.ts';

// The server's own pool and socket clients (the CLI) share one PGlite backend: neither may run a
// statement inside the other's transaction or between the messages of the other's extended query.
let dir: string;
let database: Database;

function client(stream?: Socket): pg.Client {
  return new pg.Client({
    host: dir,
    port: SOCKET_PORT,
    user: 'postgres',
    database: 'postgres',
    ...(stream ? { stream: () => stream } : {}),
  });
}

async function rows(): Promise<string[]> {
  const result = await sql<{ who: string }>`select who from shared_probe order by who`.execute(database.db);
  return result.rows.map((row) => row.who);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cpq-sock-'));
  database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'pglite'), socketDir: dir });
  await database.executor.executeSql('create table shared_probe (who text not null)');
}, 60_000);
beforeEach(async () => {
  await database.executor.executeSql('delete from shared_probe');
});
afterAll(async () => {
  await database.close();
  await rm(dir, { recursive: true, force: true });
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('the embedded database shared over its unix socket', () => {
  test('a socket client write made while the server is inside a transaction survives that transaction rolling back', async () => {
    const socket = client();
    await socket.connect();
    let socketDone: Promise<unknown> = Promise.resolve();
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql`insert into shared_probe values ('server')`.execute(trx);
        socketDone = socket.query('insert into shared_probe values ($1)', ['socket']);
        await tick();
        await sql`select 1`.execute(trx);
        throw new Error('roll back the server transaction');
      }),
    ).rejects.toThrow('roll back');
    await socketDone;
    await socket.end();
    expect(await rows()).toEqual(['socket']);
  });

  test("the server's writes never land in a socket client's transaction that rolls back", async () => {
    const socket = client();
    await socket.connect();
    await socket.query('begin');
    await socket.query('insert into shared_probe values ($1)', ['socket']);
    const serverWrite = sql`insert into shared_probe values ('server')`.execute(database.db);
    await tick();
    await socket.query('rollback');
    await serverWrite;
    await socket.end();
    expect(await rows()).toEqual(['server']);
  });

  test('many interleaved extended queries from two socket clients and the server all commit exactly once', async () => {
    const first = client();
    const second = client();
    await Promise.all([first.connect(), second.connect()]);
    const writer = async (prefix: string, insert: (who: string) => Promise<unknown>) => {
      for (let i = 0; i < 30; i += 1) await insert(`${prefix}${String(i).padStart(2, '0')}`);
    };
    await Promise.all([
      writer('a', (who) => first.query('insert into shared_probe values ($1)', [who])),
      writer('b', (who) => second.query('insert into shared_probe values ($1)', [who])),
      writer('c', (who) =>
        database.db.transaction().execute(async (trx) => {
          await sql`insert into shared_probe values (${who})`.execute(trx);
          await sql`select count(*) from shared_probe`.execute(trx);
        }),
      ),
    ]);
    await Promise.all([first.end(), second.end()]);
    const stored = await rows();
    expect(stored).toHaveLength(90);
    expect(new Set(stored).size).toBe(90);
  });

  test('a socket client that disconnects inside a transaction is rolled back and the server carries on', async () => {
    const stream = new Socket();
    const socket = client(stream);
    socket.on('error', () => undefined);
    await socket.connect();
    await socket.query('begin');
    await socket.query('insert into shared_probe values ($1)', ['half-written']);
    const serverWrite = sql`insert into shared_probe values ('server')`.execute(database.db);
    // An abrupt close, as when the CLI process is killed.
    stream.destroy();
    await serverWrite;
    expect(await rows()).toEqual(['server']);
  });
});
