import type { Window } from './dashboard.repo';

/** A calendar day moved by n days (YYYY-MM-DD in, out). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export interface Periods {
  current: Window & { asOf: string };
  previous: Window & { asOf: string };
  /** 'range': the same number of days just before the chosen range; 'days': the state 30 days earlier. */
  kind: 'range' | 'days';
}

export const COMPARE_DAYS = 30;

/**
 * What each headline figure is compared with. With a from–to range, the equally long range just
 * before it. Otherwise the campaign so far against the campaign as it stood 30 days earlier.
 */
export function comparePeriods(from: string | undefined, to: string | undefined, today: string): Periods {
  const asOf = to && to < today ? to : today;
  if (from && to) {
    const length = daysBetween(from, to) + 1;
    return { kind: 'range', current: { from, to, asOf }, previous: { from: addDays(from, -length), to: addDays(from, -1), asOf: addDays(from, -1) } };
  }
  const earlier = addDays(asOf, -COMPARE_DAYS);
  return { kind: 'days', current: { from, to, asOf }, previous: { from, to: to && to < earlier ? to : earlier, asOf: earlier } };
}

/**
 * Where the goal is heading at the pace so far: targets met per day since the start, carried to the
 * goal date (or end date). Undefined when the campaign has no start or end, or has not started.
 */
export function pace(met: number, targets: number, startsOn: string | null, endsOn: string | null, today: string) {
  if (!startsOn || !endsOn || today < startsOn || targets === 0) return undefined;
  const elapsed = Math.max(1, daysBetween(startsOn, today) + 1);
  const remaining = Math.max(0, daysBetween(today, endsOn));
  const projected = Math.min(targets, Math.round(met + (met / elapsed) * remaining));
  const weeksLeft = remaining / 7;
  const perWeekNeeded = weeksLeft > 0 ? Math.ceil((targets - met) / weeksLeft) : undefined;
  return { projected, targets, met, startsOn, endsOn, ended: today > endsOn, onTrack: projected >= targets, perWeekNeeded };
}
