import { Router } from 'express';
import type { Db } from '../db';
import { auditTrail } from '../shared/audit.repo';
import { hasRole } from '../shared/auth-guards';
import { flash } from '../shared/flash';
import { paginate } from '../shared/pagination';
import { id, text, today } from '../shared/validation';
import { canEdit, meetingFor } from './access.service';
import { followUpsOfMeeting } from './follow-ups.repo';
import { addFollowUp } from './follow-ups.service';
import { followUpsRouter } from './follow-ups.routes';
import { parseMeetingFilters } from './list-filters';
import { countMeetings, filterChoices, listMeetings } from './list.repo';
import { meetingFormRouter } from './meeting-form.routes';
import { asksRaised, attendees, findMeetingDetails } from './meetings.repo';
import { deleteMeeting, restoreMeeting } from './meetings.service';
import { parseFollowUp } from './meetings.validate';
import { peopleChoices } from './lookups.repo';

/** Meetings: the list, one meeting's page, delete and restore; the form and follow-ups in their own files. */
export function meetingsRouter(db: Db): Router {
  const router = Router();
  router.use(meetingFormRouter(db));
  router.use(followUpsRouter(db));

  router.get('/meetings', async (req, res) => {
    const user = req.user!;
    const parsed = parseMeetingFilters(req.query, hasRole(user, 'coordinator'));
    const choices = await filterChoices(db);
    const params = parsed.values;
    if (!parsed.ok) {
      return res.status(422).render('meetings/index', { rows: [], pageInfo: paginate(1, 0), params, filters: parsed.values, errors: parsed.errors, choices });
    }
    const pageInfo = paginate(req.query.page, await countMeetings(db, user, parsed.value));
    const rows = await listMeetings(db, user, parsed.value, pageInfo.limit, pageInfo.offset);
    res.render('meetings/index', { rows, pageInfo, params, filters: parsed.values, errors: {}, choices });
  });

  router.get('/meetings/:id', async (req, res) => {
    const user = req.user!;
    const meeting = await meetingFor(db, user, id(req.params.id) ?? 0, 'see');
    const editable = await canEdit(db, user, meeting);
    res.render('meetings/show', {
      meeting: await findMeetingDetails(db, meeting.id),
      attendees: await attendees(db, meeting.id),
      asks: await asksRaised(db, meeting.id),
      followUps: await followUpsOfMeeting(db, meeting.id),
      history: await auditTrail(db, 'meeting', meeting.id),
      people: editable ? await peopleChoices(db, user.local_id, [user.id]) : [],
      editable,
      today: today(),
      values: {},
    });
  });

  router.post('/meetings/:id/follow-ups', async (req, res) => {
    const meetingId = id(req.params.id) ?? 0;
    const row = { description: text(req.body?.description), due_on: text(req.body?.due_on), assignee_id: text(req.body?.assignee_id) };
    const parsed = parseFollowUp(row);
    if (!parsed.ok || !(await addFollowUp(db, req.user!, meetingId, parsed.value))) {
      await meetingFor(db, req.user!, meetingId, 'edit');
      flash(req, 'error', req.t(parsed.ok ? 'meetings:errors.assignee' : Object.values(parsed.errors)[0]));
    } else {
      flash(req, 'success', req.t('meetings:followUps.added', { description: parsed.value.description }));
    }
    res.redirect(303, `/meetings/${meetingId}#follow-ups`);
  });

  router.post('/meetings/:id/delete', async (req, res) => {
    const meetingId = id(req.params.id) ?? 0;
    await deleteMeeting(db, req.user!, meetingId);
    flash(req, 'success', req.t(hasRole(req.user, 'coordinator') ? 'meetings:deleted.doneCoordinator' : 'meetings:deleted.done'));
    res.redirect(303, hasRole(req.user, 'coordinator') ? `/meetings/${meetingId}` : '/meetings');
  });

  router.post('/meetings/:id/restore', async (req, res) => {
    const meetingId = id(req.params.id) ?? 0;
    await restoreMeeting(db, req.user!, meetingId);
    flash(req, 'success', req.t('meetings:deleted.restored'));
    res.redirect(303, `/meetings/${meetingId}`);
  });

  return router;
}
