import type { Db } from '../db';
import { hasRole } from '../shared/auth-guards';
import { NotFoundError } from '../shared/errors';
import type { SessionUser } from '../shared/types';
import type { PeopleScope } from './lookups.repo';
import { findMeetingRow, isAttendee, MeetingRow } from './meetings.repo';

/** A meeting as read for a user; `user_attended` when the read already knows (else it is asked). */
type Checked = MeetingRow & { user_attended?: boolean };

function attended(db: Db, user: SessionUser, m: Checked): boolean | Promise<boolean> {
  return m.user_attended ?? isAttendee(db, m.id, user.id);
}

/** Members see their local's meetings and the ones they logged or attended; deleted ones only coordinators. */
export async function canSee(db: Db, user: SessionUser, m: Checked): Promise<boolean> {
  if (hasRole(user, 'coordinator')) return true;
  if (m.deleted_at) return false;
  if (user.local_id && m.local_id === user.local_id) return true;
  return m.logged_by === user.id || attended(db, user, m);
}

/** Members edit what they logged or attended; coordinators and admins edit all. Deleted: restore first. */
export async function canEdit(db: Db, user: SessionUser, m: Checked): Promise<boolean> {
  if (m.deleted_at) return false;
  if (hasRole(user, 'coordinator')) return true;
  return m.logged_by === user.id || attended(db, user, m);
}

/** The meeting read if the user may see (or edit) it; otherwise 404, so that its existence is not revealed. */
export async function allowed<T extends Checked>(db: Db, user: SessionUser, meeting: T | undefined, need: 'see' | 'edit'): Promise<T> {
  if (!meeting) throw new NotFoundError();
  const ok = need === 'see' ? await canSee(db, user, meeting) : await canEdit(db, user, meeting);
  if (!ok) throw new NotFoundError();
  return meeting;
}

/** The meeting if the user may see (or edit) it; otherwise 404. */
export async function meetingFor(db: Db, user: SessionUser, id: number, need: 'see' | 'edit'): Promise<MeetingRow> {
  return allowed(db, user, await findMeetingRow(db, id), need);
}

/**
 * Whom a user may pick as an attendee or an assignee: coordinators and admins any active person;
 * a member the active people of their own local, or only themself without a local (so that a
 * member can neither list every account nor hand work to a stranger); anyone already on the record.
 */
export function peopleScope(user: SessionUser, record: { meetingId?: number; already?: number[] } = {}): PeopleScope {
  return { self: user.id, anyone: hasRole(user, 'coordinator'), localId: user.local_id, ...record };
}
