import type { Db } from '../db';
import { hasRole } from '../shared/auth-guards';
import { NotFoundError } from '../shared/errors';
import type { SessionUser } from '../shared/types';
import { findMeetingRow, isAttendee, MeetingRow } from './meetings.repo';

/** Members see their local's meetings and the ones they logged or attended; deleted ones only coordinators. */
export async function canSee(db: Db, user: SessionUser, m: MeetingRow): Promise<boolean> {
  if (hasRole(user, 'coordinator')) return true;
  if (m.deleted_at) return false;
  if (user.local_id && m.local_id === user.local_id) return true;
  return m.logged_by === user.id || isAttendee(db, m.id, user.id);
}

/** Members edit what they logged or attended; coordinators and admins edit all. Deleted: restore first. */
export async function canEdit(db: Db, user: SessionUser, m: MeetingRow): Promise<boolean> {
  if (m.deleted_at) return false;
  if (hasRole(user, 'coordinator')) return true;
  return m.logged_by === user.id || isAttendee(db, m.id, user.id);
}

/** The meeting if the user may see (or edit) it; otherwise 404, so that its existence is not revealed. */
export async function meetingFor(db: Db, user: SessionUser, id: number, need: 'see' | 'edit'): Promise<MeetingRow> {
  const meeting = await findMeetingRow(db, id);
  if (!meeting) throw new NotFoundError();
  const allowed = need === 'see' ? await canSee(db, user, meeting) : await canEdit(db, user, meeting);
  if (!allowed) throw new NotFoundError();
  return meeting;
}
