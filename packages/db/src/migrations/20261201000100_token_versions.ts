import { sql, type Kysely } from 'kysely';

// Every access token carries its account's token_version (claim `tv`); a password change bumps it, so every
// token issued before the change is refused while one issued the same second after it still works (which a
// comparison with the token's 1-second `iat` could not tell apart).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE sellers ADD COLUMN token_version INT UNSIGNED NOT NULL DEFAULT 0`.execute(db);
  await sql`ALTER TABLE shoppers ADD COLUMN token_version INT UNSIGNED NOT NULL DEFAULT 0`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE shoppers DROP COLUMN token_version`.execute(db);
  await sql`ALTER TABLE sellers DROP COLUMN token_version`.execute(db);
}
