import { Request, Response, Router } from 'express';
import type { Db } from '../db';
import { formatters } from '../i18n/i18n';
import { flash } from '../shared/flash';
import { paginate } from '../shared/pagination';
import { MAX_LENGTH, text, today } from '../shared/validation';
import { allowed, meetingFor } from './access.service';
import { addFollowUp } from './follow-ups.service';
import { parseMeetingFilters } from './list-filters';
import { meetingTags } from './list-tags';
import { filterChoices } from './list.repo';
import { meetingList } from './list.service';
import { deletionSummary, meetingPage } from './meeting-page.repo';
import { deleteMeeting, restoreMeeting } from './meetings.service';
import { parseFollowUp } from './meetings.validate';
import { mayMeeting, UNDO_MINUTES, worksAcrossLocals } from './policy';
import { formBody, paramId, signedInUser } from '../shared/params';
import { rememberList } from '../shared/nav';

type FollowUpForm = { values: Record<string, string>; errors: Record<string, string> };

/** Meetings: the list, one meeting's page, delete (asked first) and restore; the form and follow-ups in their own files. */
export function meetingsRouter(db: Db): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = signedInUser(req);
    const parsed = parseMeetingFilters(req.query, worksAcrossLocals(user));
    const params = parsed.values;
    if (!parsed.ok) {
      const choices = await filterChoices(db);
      return res.status(422).render('meetings/index', { rows: [], pageInfo: paginate(1, 0), params, filters: parsed.values, errors: parsed.errors, choices });
    }
    const { choices, pageInfo, rows, officialName } = await meetingList(db, user, parsed.value, req.query.page);
    const tags = meetingTags(req.t, formatters(req.lang), req.lang, parsed.values, choices, officialName);
    rememberList(req, res, 'meetings');
    res.render('meetings/index', { rows, pageInfo, params, filters: parsed.values, errors: {}, choices, tags });
  });

  /** One meeting's page, read in one statement; the add-a-follow-up form on it comes back here with its input when refused. */
  async function renderMeeting(req: Request, res: Response, status: number, meetingId: number, form: FollowUpForm = { values: {}, errors: {} }) {
    const user = signedInUser(req);
    const meeting = allowed(user, await meetingPage(db, meetingId, user), 'see');
    const editable = mayMeeting(user, 'change', meeting);
    res.status(status).render('meetings/show', {
      meeting,
      attendees: meeting.attendees,
      asks: meeting.asks,
      followUps: meeting.follow_ups,
      history: meeting.history,
      people: editable ? meeting.people : [],
      editable,
      today: today(),
      values: form.values,
      errors: form.errors,
    });
  }

  router.get('/:id', async (req, res) => {
    await renderMeeting(req, res, 200, paramId(req.params.id));
  });

  router.post('/:id/follow-ups', async (req, res) => {
    const meetingId = paramId(req.params.id);
    const body = formBody(req);
    const values = { description: text(body.description, MAX_LENGTH.line), due_on: text(body.due_on), assignee_id: text(body.assignee_id) };
    const parsed = parseFollowUp(values);
    if (!parsed.ok) {
      await meetingFor(db, signedInUser(req), meetingId, 'change');
      return renderMeeting(req, res, 422, meetingId, { values, errors: parsed.errors });
    }
    if (!(await addFollowUp(db, signedInUser(req), meetingId, parsed.value))) {
      return renderMeeting(req, res, 422, meetingId, { values, errors: { assignee_id: 'meetings:errors.assignee' } });
    }
    flash(req, 'success', req.t('meetings:followUps.added', { description: parsed.value.description }));
    res.redirect(303, `/meetings/${meetingId}#follow-ups`);
  });

  /** Asks first: what deleting would remove, with "Delete" (a form) and "Keep it" (a link back). */
  router.get('/:id/delete', async (req, res) => {
    const user = signedInUser(req);
    const meeting = allowed(user, await deletionSummary(db, paramId(req.params.id)), 'change');
    res.render('meetings/delete', { meeting, restoresAnyTime: worksAcrossLocals(user), minutes: UNDO_MINUTES });
  });

  router.post('/:id/delete', async (req, res) => {
    const meetingId = paramId(req.params.id);
    await deleteMeeting(db, signedInUser(req), meetingId);
    // Those who may restore it at any time stay on its page, where the restore button is.
    const restorer = worksAcrossLocals(signedInUser(req));
    flash(req, 'success', req.t(restorer ? 'meetings:deleted.doneCoordinator' : 'meetings:deleted.done', { minutes: UNDO_MINUTES }),
      { url: `/meetings/${meetingId}/restore`, label: req.t('meetings:deleted.undo') });
    res.redirect(303, restorer ? `/meetings/${meetingId}` : '/meetings');
  });

  router.post('/:id/restore', async (req, res) => {
    const meetingId = paramId(req.params.id);
    await restoreMeeting(db, signedInUser(req), meetingId);
    flash(req, 'success', req.t('meetings:deleted.restored'));
    res.redirect(303, `/meetings/${meetingId}`);
  });

  return router;
}
