import autocannon from 'autocannon';
import { cpuPerRequest, sampleCpu } from './cpu';

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** How many times each unexpected status came back. */
  unexpected: Record<number, number>;
  /** CPU ms per request used by the server process and by PostgreSQL (Linux only; shared machines add noise). */
  cpu: { server?: number; postgres?: number };
}

export interface LoadCase {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that count as success besides 2xx (a POST that redirects answers 303). */
  expect?: number[];
  /** A sequence each connection repeats (e.g. fetch a form, then post it), instead of one request. */
  requests?: autocannon.Request[];
  /** The process serving the load, whose CPU time is measured. */
  serverPid?: number;
}

/** A bounded load on a loopback address: a fixed number of connections for a fixed time. */
export async function runLoad(c: LoadCase): Promise<LoadResult> {
  const url = new URL(c.url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('Load is only ever sent to this machine.');
  let unexpected = 0;
  const statuses: Record<number, number> = {};
  const before = sampleCpu(c.serverPid);
  const result = await autocannon({
    url: c.url,
    connections: c.connections,
    duration: c.seconds,
    method: c.method ?? 'GET',
    headers: c.headers,
    body: c.body,
    requests: c.requests,
    setupClient: (client: { on(event: string, fn: (status: number) => void): void }) => {
      client.on('response', (status: number) => {
        if (!(status >= 200 && status < 300) && !(c.expect ?? []).includes(status)) {
          unexpected++;
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      });
    },
  });
  const after = sampleCpu(c.serverPid);
  return {
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: unexpected,
    unexpected: statuses,
    cpu: cpuPerRequest(before, after, result.requests.total),
  };
}

const ms = (value?: number) => (value === undefined ? '-' : value.toFixed(2));

export function formatRow(name: string, connections: number, r: LoadResult, ceiling?: number): string {
  const ratio = ceiling ? `${((r.rps / ceiling) * 100).toFixed(0)}%` : '';
  return [name.padEnd(34), String(connections).padStart(4), r.rps.toFixed(0).padStart(8), `${r.p50}`.padStart(7),
    `${r.p99}`.padStart(7), String(r.errors + r.non2xx).padStart(7), ratio.padStart(7),
    ms(r.cpu.server).padStart(8), ms(r.cpu.postgres).padStart(8)].join(' ');
}

/** The last two columns: CPU ms per request in the server's process and in PostgreSQL's. */
export const HEADER = ['case'.padEnd(34), 'conn'.padStart(4), 'req/s'.padStart(8), 'p50 ms'.padStart(7),
  'p99 ms'.padStart(7), 'errors'.padStart(7), 'ceiling'.padStart(7), 'node ms'.padStart(8), 'pg ms'.padStart(8)].join(' ');
