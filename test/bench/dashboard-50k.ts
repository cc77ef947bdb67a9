/**
 * How fast the dashboard's aggregates are with 50,000 meetings in one campaign, on a real PostgreSQL.
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx test/bench/dashboard-50k.ts [meetings]
 * Creates a scratch database, fills it with bulk INSERT … SELECT, runs the dashboard as a
 * coordinator and as a member, prints EXPLAIN ANALYZE's execution time of every query it sent and
 * the median time of the whole page's data, then drops the database.
 *
 * Measured on the 2-core development machine, PostgreSQL 16, 50,000 meetings, 343 MPs, 5,000 open
 * follow-ups (coordinator: 11 queries; slowest headline 17 ms, weekly 15 ms, headline of the
 * previous period 10 ms, activity by local 10 ms, every other query under 2 ms):
 *   coordinator, whole dashboard: median 34 ms, max 53 ms (pool of 2; 64 ms with the queries in
 *                                 sequence; 258 ms before the per-target index probes)
 *   member (one local):           median 20 ms, max 28 ms
 * Targets met and the latest stance are one index probe per target (meetings_campaign_official_index,
 * meetings_latest_stance_index), so they do not grow with the number of meetings; the counts of
 * meetings, weeks and locals read the campaign's meetings once each and grow linearly.
 */
import { openPostgres, migrateLatest } from '../../src/db';
import { dashboard, scopeFor } from '../../src/dashboard/dashboard.service';
import { findCampaign } from '../../src/campaigns/campaigns.repo';
import type { SessionUser } from '../../src/shared/types';

const MEETINGS = Number(process.argv[2] ?? 50_000);
const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main() {
  const name = `mpt_bench_dashboard_${process.pid}`;
  const admin = openPostgres(url, 1);
  await admin.knex.raw(`CREATE DATABASE "${name}"`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  const { knex: db, close } = openPostgres(target.toString(), 2);
  try {
    await migrateLatest(db);
    await seed(db);
    const campaign = (await findCampaign(db, 1))!;
    const coordinator = { id: 1, role: 'coordinator', local_id: null } as SessionUser;
    const member = { id: 2, role: 'member', local_id: 7 } as SessionUser;
    for (const [who, user] of [['coordinator', coordinator], ['member', member]] as const) {
      const scope = scopeFor(user, {}, campaign.id)!;
      const sent: { sql: string; bindings: unknown[] }[] = [];
      const listen = (q: { sql: string; bindings: unknown[] }) => sent.push(q);
      db.on('query', listen);
      await dashboard(db, user, campaign, scope, '1');
      db.off('query', listen);
      console.log(`\n${who}: ${sent.length} queries`);
      for (const q of sent) {
        // The SQL is already in pg's $1 form: send it through the driver as it is.
        const connection = await db.client.acquireConnection();
        const { rows } = await connection.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${q.sql}`, q.bindings);
        const plan = rows[0]['QUERY PLAN'][0];
        if (process.env.PLANS) {
          const text = await connection.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.bindings);
          console.log(text.rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n'));
        }
        console.log(`${plan['Execution Time'].toFixed(1).padStart(8)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 90)}`);
        await db.client.releaseConnection(connection);
      }
      const times: number[] = [];
      for (let i = 0; i < 15; i++) {
        const start = process.hrtime.bigint();
        await dashboard(db, user, campaign, scope, '1');
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((x, y) => x - y);
      console.log(`${who}: whole dashboard median ${times[7].toFixed(1)} ms, max ${times[14].toFixed(1)} ms (15 runs)`);
    }
  } finally {
    await close();
    await admin.knex.raw(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.close();
  }
}

/** 343 MPs (5 former), 200 locals, 2,000 members, one campaign targeting every MP, N meetings, N/5 follow-ups. */
async function seed(db: ReturnType<typeof openPostgres>['knex']) {
  const provinces = `(ARRAY['ON','QC','BC','AB','MB','SK','NS','NB','NL','PE','YT','NT','NU'])[1 + i % 13]`;
  const parties = `(ARRAY['Liberal','Conservative','NDP','Bloc Québécois','Green'])[1 + i % 5]`;
  await db.raw(`INSERT INTO locals (name, province) SELECT 'Local ' || i, ${provinces} FROM generate_series(1, 200) i`);
  await db.raw(`INSERT INTO users (email, name, password_hash, role, local_id)
    SELECT 'u' || i || '@example.org', 'User ' || i, 'x', CASE WHEN i = 1 THEN 'coordinator' ELSE 'member' END, 1 + i % 200
    FROM generate_series(1, 2000) i`);
  await db.raw(`INSERT INTO officials (level, jurisdiction, first_name, last_name, constituency, constituency_key, province, party, end_date)
    SELECT 'federal', 'ca', 'First', 'Last ' || i, 'Riding ' || i, 'riding ' || i, ${provinces}, ${parties},
      CASE WHEN i <= 5 THEN current_date - 30 END FROM generate_series(1, 343) i`);
  await db.raw(`INSERT INTO campaigns (name, starts_on, ends_on, goal_date, is_default) VALUES ('Big', current_date - 200, current_date + 100, current_date + 90, true)`);
  await db.raw('INSERT INTO campaign_targets (campaign_id, official_id, claimed_by_local_id) SELECT 1, id, CASE WHEN id % 3 = 0 THEN 1 + id % 200 END FROM officials');
  await db.raw(`INSERT INTO meetings (campaign_id, official_id, logged_by, local_id, status, held_on, stance, created_at)
    SELECT 1, 1 + (i * 7919) % 300, 1 + i % 2000, 1 + (i % 2000) % 200,
      (ARRAY['held','held','held','requested','scheduled','cancelled','declined'])[1 + i % 7],
      current_date - (i % 200), (ARRAY['champion','supportive','undecided','opposed',NULL,NULL])[1 + i % 6],
      now() - make_interval(days => i % 200)
    FROM generate_series(1, ?) i`, [MEETINGS]);
  await db.raw(`INSERT INTO follow_ups (meeting_id, description, due_on, done_at)
    SELECT id, 'Follow up', held_on + 14, CASE WHEN id % 2 = 0 THEN now() END FROM meetings WHERE id % 5 = 0`);
  await db.raw('VACUUM ANALYZE'); // what autovacuum does in steady state: index-only scans need the visibility map
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
