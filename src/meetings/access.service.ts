import type { Db } from '../db';
import { NotFoundError } from '../shared/errors';
import type { SessionUser } from '../shared/types';
import { findMeetingChecked, MeetingChecked, MeetingFacts } from './policy.repo';
import { mayMeeting, MeetingNeed } from './policy';

/** The meeting read if the user may `need` it (see policy.ts); otherwise 404, so that its existence is not revealed. */
export function allowed<T extends MeetingFacts>(user: SessionUser, meeting: T | undefined, need: MeetingNeed): T {
  if (!meeting || !mayMeeting(user, need, meeting)) throw new NotFoundError();
  return meeting;
}

/** The meeting, with its attendees, if the user may `need` it; otherwise 404. */
export async function meetingFor(db: Db, user: SessionUser, id: number, need: MeetingNeed): Promise<MeetingChecked> {
  return allowed(user, await findMeetingChecked(db, id), need);
}
