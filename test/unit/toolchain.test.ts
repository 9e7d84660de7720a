import { PGlite } from '@electric-sql/pglite';

describe('toolchain', () => {
  test('jest runs ESM TypeScript and reaches an in-memory PGlite', async () => {
    const db = new PGlite();
    const result = await db.query<{ answer: number }>('select 40 + 2 as answer');
    expect(result.rows[0]?.answer).toBe(42);
    await db.close();
  });
});
