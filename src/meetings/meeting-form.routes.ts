import { Request, Response, Router } from 'express';
import type { Db } from '../db';
import { flash } from '../shared/flash';
import { takePendingForm } from '../shared/pending-form';
import { id, MAX_LENGTH } from '../shared/validation';
import { meetingFor } from './access.service';
import { formChoices, meetingValues, newMeetingValues } from './form.service';
import { searchOfficials } from './lookups.repo';
import { Conflict, editMeeting, logMeeting, SaveResult } from './meetings.service';
import { followUpRowsPosted, MAX_FOLLOW_UPS, MeetingValues, MIN_FOLLOW_UP_ROWS, parseMeetingForm } from './meetings.validate';
import { savedMessage } from './saved-message';
import { conflictRows } from './conflict';
import { labelsFor } from '../vocab/labels';
import { formBody, paramId, signedInUser } from '../shared/params';

type FormMode = { kind: 'new' } | { kind: 'edit'; meetingId: number };
type Extra = { errors?: Record<string, string>; duplicates?: unknown[]; conflict?: Conflict } & Partial<Redisplay>;
/** Why the form is shown again without saving: Find pressed, or one more follow-up row asked for (after `posted` rows). */
type Redisplay = { find: boolean; addRow: boolean; posted: number };

/** Log a meeting and edit one: the same form, which also finds the official without JavaScript. */
export function meetingFormRouter(db: Db): Router {
  const router = Router();

  async function renderForm(req: Request, res: Response, status: number, mode: FormMode, values: Partial<MeetingValues>, extra: Extra = {}) {
    const choices = await formChoices(db, signedInUser(req), values, mode.kind === 'edit' ? mode.meetingId : undefined, !!extra.find);
    const typed = values.follow_ups ?? [];
    // Blank rows close up, except when one more is asked for: then every row posted stays, plus one.
    const rows = Math.max(MIN_FOLLOW_UP_ROWS, typed.length, extra.addRow ? Math.min((extra.posted ?? 0) + 1, MAX_FOLLOW_UPS) : 0);
    const followUpRows = Array.from({ length: rows }, (_, i) => typed[i] ?? { description: '', due_on: '', assignee_id: '' });
    res.status(status).render('meetings/form', {
      mode, values, errors: extra.errors ?? {}, choices, followUpRows, maxFollowUps: MAX_FOLLOW_UPS,
      duplicates: extra.duplicates ?? [], conflictRows: extra.conflict ? conflictRows(extra.conflict, values, choices, labelsFor(req.lang).text) : null,
      title: mode.kind === 'new' ? req.t('meetings:form.newTitle') : req.t('meetings:form.editTitle'),
    });
  }

  /** "Find" and "add another follow-up" submit the form to show it again, with nothing typed lost. */
  function redisplay(req: Request): Redisplay | undefined {
    const body = formBody(req);
    if (body.find_official !== undefined) return { find: true, addRow: false, posted: 0 };
    if (body.add_follow_up !== undefined) return { find: false, addRow: true, posted: followUpRowsPosted(body) };
    return undefined;
  }

  async function afterSave(req: Request, res: Response, mode: FormMode, values: MeetingValues, result: SaveResult) {
    if (result.ok) {
      flash(req, 'success', savedMessage(req, result.details, mode.kind, result.followUps));
      return res.redirect(303, `/meetings/${result.meeting.id}`);
    }
    if ('errors' in result) return renderForm(req, res, 422, mode, values, { errors: result.errors });
    if ('duplicates' in result) return renderForm(req, res, 409, mode, values, { duplicates: result.duplicates });
    // Someone saved first: keep what this user typed, move them onto the new version, show what changed.
    const next = { ...values, version: String(result.conflict.current.version) };
    return renderForm(req, res, 409, mode, next, { conflict: result.conflict, errors: { version: 'meetings:errors.conflict' } });
  }

  router.get('/official-choices', async (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, MAX_LENGTH.name) : '';
    const officialResults = await searchOfficials(db, q);
    res.render('meetings/_official-choices', { officialResults, pickOnly: true, searched: q.trim() !== '' });
  });

  router.get('/new', async (req, res) => {
    const pending = takePendingForm(req);
    const values = pending ? parseMeetingForm(pending).values : await newMeetingValues(db, signedInUser(req), req.query.official);
    await renderForm(req, res, 200, { kind: 'new' }, values);
  });

  router.post('/new', async (req, res) => {
    const form = parseMeetingForm(formBody(req));
    const again = redisplay(req);
    if (again) return renderForm(req, res, 200, { kind: 'new' }, form.values, again);
    if (!form.ok) return renderForm(req, res, 422, { kind: 'new' }, form.values, { errors: form.errors });
    const result = await logMeeting(db, signedInUser(req), form.value, { checkDuplicate: formBody(req).confirm_duplicate === undefined });
    await afterSave(req, res, { kind: 'new' }, form.values, result);
  });

  router.get('/:id/edit', async (req, res) => {
    const meetingId = paramId(req.params.id);
    const meeting = await meetingFor(db, signedInUser(req), meetingId, 'change');
    const pending = takePendingForm(req);
    const values = pending ? parseMeetingForm(pending).values : await meetingValues(db, meeting);
    await renderForm(req, res, 200, { kind: 'edit', meetingId }, values);
  });

  router.post('/:id/edit', async (req, res) => {
    const meetingId = paramId(req.params.id);
    const mode: FormMode = { kind: 'edit', meetingId };
    await meetingFor(db, signedInUser(req), meetingId, 'change');
    const form = parseMeetingForm(formBody(req));
    const again = redisplay(req);
    if (again) return renderForm(req, res, 200, mode, form.values, again);
    const version = id(form.values.version);
    if (!form.ok || !version) return renderForm(req, res, 422, mode, form.values, { errors: form.ok ? { version: 'meetings:errors.conflict' } : form.errors });
    await afterSave(req, res, mode, form.values, await editMeeting(db, signedInUser(req), meetingId, version, form.value));
  });

  return router;
}
