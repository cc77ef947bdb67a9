import type { Request } from 'express';
import { formatters } from '../i18n/i18n';
import { labelsFor } from '../vocab/labels';
import type { MeetingDetails } from './meetings.repo';

/** The confirmation after a save, saying what was saved so that the member can trust it. */
export function savedMessage(req: Request, m: MeetingDetails, kind: 'new' | 'edit', followUps: number): string {
  const t = req.t;
  const official = [m.honorific, m.first_name, m.last_name].filter(Boolean).join(' ');
  const vocab = labelsFor(req.lang);
  const parts = [vocab.status(m.status)];
  if (m.stance) parts.push(t('meetings:saved.stance', { stance: vocab.stance(m.stance) }));
  if (m.commitment_kinds.length || m.commitments) parts.push(t('meetings:saved.commitments'));
  if (followUps) parts.push(t('meetings:saved.followUps', { count: followUps }));
  return t(kind === 'new' ? 'meetings:saved.created' : 'meetings:saved.updated', {
    official, constituency: m.constituency, date: formatters(req.lang).date(m.held_on), details: parts.join(', '),
  });
}
