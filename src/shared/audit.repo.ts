import type { Db } from '../db';

export interface AuditEvent {
  user_id: number | null;
  action: string;
  entity: string;
  entity_id?: number | null;
  changes?: Record<string, unknown>;
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await recordAudits(db, [event]);
}

/** Several events in one statement (a change made to many records at once records one event each). */
export async function recordAudits(db: Db, events: AuditEvent[]): Promise<void> {
  if (!events.length) return;
  await db('audit_events').insert(events.map((event) => ({ ...event, changes: JSON.stringify(event.changes ?? {}) })));
}

/** The fields whose values differ, as { field: { from, to } }, for an audit event. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null)) {
      changes[key] = { from: before[key] ?? null, to: after[key] ?? null };
    }
  }
  return changes;
}
