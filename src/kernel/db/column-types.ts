import type { ColumnType } from 'kysely';

/** Column types every module's tables use (Kysely: select type, insert type, update type). */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T> = ColumnType<T, string, string>;
