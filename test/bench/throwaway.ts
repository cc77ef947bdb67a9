import { Database, openPostgres } from '../../src/db';

/** A fresh database on the server of `url`, so that the benchmark never touches real data. */
export async function throwaway(url: string): Promise<Database> {
  const name = `mpt_bench_${process.pid}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const server = openPostgres(admin.toString(), 1);
  await server.knex.raw(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const db = openPostgres(target.toString());
  return {
    ...db,
    description: db.description.replace(`/${name}`, ' (a throwaway database)'),
    async close() {
      await db.close();
      await server.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await server.close();
    },
  };
}
