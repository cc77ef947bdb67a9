import type { Db } from '../db';
import { paginate } from '../shared/pagination';
import type { SessionUser } from '../shared/types';
import { listPage, MeetingFilters, meetingRows } from './list.repo';

/**
 * The meeting list's page: the filter choices, the count and the rows, read together. A page past
 * the end shows the last one (as paginate says), which takes a second read, only then.
 */
export async function meetingList(db: Db, user: SessionUser, f: MeetingFilters, pageParam: unknown) {
  const asked = paginate(pageParam, Number.MAX_SAFE_INTEGER);
  const { total, rows, official_name: officialName, ...choices } = await listPage(db, user, f, asked.limit, asked.offset);
  const pageInfo = paginate(pageParam, total);
  const pageRows = pageInfo.offset === asked.offset ? rows : await meetingRows(db, user, f, pageInfo.limit, pageInfo.offset);
  return { choices, pageInfo, rows: pageRows, officialName };
}
