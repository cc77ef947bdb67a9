import zlib from 'node:zlib';
import { rawRequest, stalledReader, Visitor } from './hostile.client';

/** What the cases act with: the tracker's address and visitors signed in as each role. */
export interface HostileContext {
  base: string;
  admin: Visitor;
  coordinator: Visitor;
  member: Visitor;
  memberEmail: string;
  campaignId: number;
  officialId: number;
  targetUserId: number;
}

export interface HostileCase {
  label: string;
  /** Sends the hostile requests; resolves with the status of each answer (0: the connection was cut). */
  run(ctx: HostileContext): Promise<number[]>;
}

const TEMPLATE_HEADER = 'honorific,first_name,last_name,constituency,constituency_fr,province,party,email,phone,start_date,end_date';
const times = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const all = (promises: Promise<number>[]) => Promise.all(promises);
const status = async (p: Promise<{ status: number }>) => (await p).status;

/** A template-format CSV of `rows` rows made by `row(i)`. */
const csv = (rows: number, row: (i: number) => string) => Buffer.from([TEMPLATE_HEADER, ...times(rows, row)].join('\r\n'));
const importCsv = (ctx: HostileContext, name: string, bytes: Buffer) =>
  status(ctx.coordinator.upload('/officials/imports', { level: 'federal', jurisdiction: 'ca' }, { name, bytes }));

function multipart(bytes: number): { body: Buffer; type: string } {
  const boundary = 'hostile-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
  return { body: Buffer.concat([Buffer.from(head), Buffer.alloc(bytes, 'a'), Buffer.from(`\r\n--${boundary}--\r\n`)]), type: `multipart/form-data; boundary=${boundary}` };
}

const anonymousSignIn = async (ctx: HostileContext, fields: Record<string, string>) => {
  const visitor = new Visitor(ctx.base);
  await visitor.request('/login');
  return status(visitor.post('/login', fields));
};

export const HOSTILE_CASES: HostileCase[] = [
  { label: 'sign-in e-mail of a, 80,000 spaces, a; no password', run: async (ctx) => [await anonymousSignIn(ctx, { email: `a${' '.repeat(80_000)}a` })] },
  { label: 'sign-in e-mail of 250 KB', run: async (ctx) => [await anonymousSignIn(ctx, { email: 'a'.repeat(250_000), password: 'x' })] },
  { label: 'sign-in e-mail of 250 KB of spaces, 10 at once', run: (ctx) => all(times(10, () => anonymousSignIn(ctx, { email: ' '.repeat(250_000) }))) },
  { label: '50 wrong passwords for one account at once', run: (ctx) => all(times(50, () => anonymousSignIn(ctx, { email: ctx.memberEmail, password: 'wrong password, wrong' }))) },
  { label: 'a NUL byte in a form field and in a search', run: async (ctx) => [
    await status(ctx.member.post('/meetings/new', { campaign_id: String(ctx.campaignId), official_id: String(ctx.officialId), status: 'held', held_on: '2026-01-05', notes: 'a\u0000b' })),
    await status(ctx.member.request('/officials?q=a%00b')),
    await status(ctx.member.request('/meetings?q=a%00b')),
  ] },
  { label: 'meeting notes of 250 KB of spaces', run: async (ctx) => [await status(ctx.member.post('/meetings/new', {
    campaign_id: String(ctx.campaignId), official_id: String(ctx.officialId), status: 'held', held_on: '2026-01-05', notes: ' '.repeat(250_000),
  }))] },
  { label: 'a member picks 2,000 attendees and a stranger as assignee', run: async (ctx) => [await status(ctx.member.post('/meetings/new', [
    ['campaign_id', String(ctx.campaignId)], ['official_id', String(ctx.officialId)], ['status', 'held'], ['held_on', '2026-01-05'],
    ...times(2000, (i): [string, string] => ['attendee_ids', String(i + 1)]),
    ['follow_ups[0][description]', 'Call back'], ['follow_ups[0][assignee_id]', String(ctx.targetUserId)],
  ]))] },
  { label: 'a form with 5,000 fields', run: async (ctx) => [await status(ctx.member.post('/meetings/new', times(5000, (i): [string, string] => [`f${i}`, 'x'])))] },
  { label: 'a body over the size limit (300 KB)', run: async (ctx) => [await status(ctx.member.post('/meetings/new', { notes: 'x'.repeat(300_000) }))] },
  { label: 'an unknown Content-Encoding and a broken gzip body', run: async (ctx) => [
    await rawRequest(ctx.base, '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'x-unknown' }, body: 'email=a' }),
    await rawRequest(ctx.base, '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, body: 'not gzip at all' }),
    await rawRequest(ctx.base, '/login', { headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-encoding': 'gzip' }, body: zlib.gzipSync(Buffer.alloc(10_000_000, 'a')) }),
  ] },
  { label: '/static/vendor/__proto__ and friends', run: (ctx) => all(['/static/vendor/__proto__', '/static/vendor/constructor', '/static/__proto__/x'].map((p) => rawRequest(ctx.base, p, { method: 'GET' }))) },
  { label: '300 anonymous GETs (/, a 404, /robots.txt)', run: (ctx) => all(times(300, (i) => rawRequest(ctx.base, ['/', '/no-such-page', '/robots.txt'][i % 3], { method: 'GET' }))) },
  { label: '50 anonymous POSTs of 100 KB to a signed-in page', run: (ctx) => all(times(50, () => rawRequest(ctx.base, '/meetings/new', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `notes=${'x'.repeat(100_000)}`,
  }))) },
  { label: '20 anonymous multipart posts of 7 MB to /login at once', run: (ctx) => all(times(20, () => {
    const { body, type } = multipart(7 * 1024 * 1024);
    return rawRequest(ctx.base, '/login', { headers: { 'content-type': type }, body });
  })) },
  { label: 'a cross-site POST to an admin form (no cookie, foreign origin)', run: async (ctx) => [await rawRequest(ctx.base, `/admin/users/${ctx.targetUserId}`, {
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://attacker.example', 'sec-fetch-site': 'cross-site' }, body: 'role=admin&active=1',
  })] },
  { label: 'GET /language/fr', run: async (ctx) => [await rawRequest(ctx.base, '/language/fr', { method: 'GET' })] },
  { label: 'import: 10,000 rows of one seat', run: async (ctx) => [await importCsv(ctx, 'one-seat.csv', csv(10_000, (i) => `,Pat,Dup${i},Same Riding,,ON,Liberal,,,,`))] },
  { label: 'import: 5 MB of 870,000 tiny rows', run: async (ctx) => [await importCsv(ctx, 'tiny-rows.csv', Buffer.from(TEMPLATE_HEADER + '\n' + 'a,\n'.repeat(1_700_000)).subarray(0, 5 * 1024 * 1024 - 1024))] },
  { label: 'import: a legitimate 10,000-row file with long addresses', run: async (ctx) => [await importCsv(ctx, 'big.csv', csv(10_000, (i) =>
    `,Given${i},Family${i},"Riding ${i}",,ON,Party ${i % 7},p${i}@example.org,613-555-${String(i % 10_000).padStart(4, '0')},2021-09-20,`))] },
  { label: '12 export readers that never read, then a page and /readyz', run: async (ctx) => {
    const cookie = ctx.member.jar.header();
    const sockets = await Promise.all(times(12, () => stalledReader(ctx.base, '/reports/meetings.csv?notes=1', cookie).catch(() => undefined)));
    await new Promise((r) => setTimeout(r, 1000));
    const answers = [await rawRequest(ctx.base, '/readyz', { method: 'GET' }), await status(ctx.admin.request('/meetings'))];
    for (const s of sockets) s?.destroy();
    return answers;
  } },
];
