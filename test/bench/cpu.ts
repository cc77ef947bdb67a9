import fs from 'node:fs';

const TICK_MS = 10; // Linux reports process times in clock ticks of 1/100 s

/** CPU time (user + system, ms) a process has used so far; undefined where /proc is not available. */
function processCpuMs(pid: number): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/** CPU time used so far by every PostgreSQL server process on this machine (the backends serving the load). */
function postgresCpuMs(): number | undefined {
  if (!fs.existsSync('/proc')) return undefined;
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(Number(pid)) ?? 0;
    } catch { /* the process ended meanwhile */ }
  }
  return total;
}

export interface CpuSample { server?: number; postgres?: number }

/** What the server process and PostgreSQL have used so far: take one before and one after a load. */
export function sampleCpu(serverPid?: number): CpuSample {
  return { server: serverPid ? processCpuMs(serverPid) : undefined, postgres: postgresCpuMs() };
}

/** CPU milliseconds per request spent by the server and by PostgreSQL between two samples. */
export function cpuPerRequest(before: CpuSample, after: CpuSample, requests: number) {
  const per = (a?: number, b?: number) => (a === undefined || b === undefined || requests === 0 ? undefined : (b - a) / requests);
  return { server: per(before.server, after.server), postgres: per(before.postgres, after.postgres) };
}
