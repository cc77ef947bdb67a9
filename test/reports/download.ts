import { parse } from 'csv-parse/sync';
import type { Agent } from '../helpers/session';

/** Downloads a CSV export as the raw bytes a spreadsheet would receive, and parses it back. */
export async function downloadCsv(agent: Agent, url: string) {
  const res = await agent.get(url).buffer(true).parse((stream, done) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const bytes = res.body as Buffer;
  if (res.status !== 200) return { res, bytes, header: [] as string[], rows: [] as Record<string, string>[] };
  const records: string[][] = parse(bytes, { bom: true, relax_column_count: false });
  const [header, ...data] = records;
  const rows = data.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
  return { res, bytes, header, rows };
}
