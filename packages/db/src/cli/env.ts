/** The DATABASE_URL a CLI runs against; it stops with a clear message when the variable is missing. */
export function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (e.g. DATABASE_URL=mysql://root@127.0.0.1:3306/brandi).');
    process.exit(2);
  }
  return url;
}
