import type { Db } from '../db';
import type { SessionUser } from '../shared/types';
import { id, today } from '../shared/validation';
import { asksOf, campaignChoices, choosableIds, defaultCampaignId, localChoices, officialById, peopleChoices, searchOfficials } from './lookups.repo';
import { worksAcrossLocals } from './policy';
import { askIds, attendeeIds, MeetingRow } from './meetings.repo';
import type { MeetingValues } from './meetings.validate';

/**
 * A blank form: the default campaign, today, held, the official chosen on their page if any, and the
 * person logging ticked as an attendee (they were there, nearly always; they untick it otherwise).
 */
export async function newMeetingValues(db: Db, user: SessionUser, officialParam: unknown): Promise<Partial<MeetingValues>> {
  const campaign = await defaultCampaignId(db);
  const official = id(officialParam);
  return { campaign_id: campaign ? String(campaign) : '', official_id: official ? String(official) : '', status: 'held', held_on: today(),
    local_id: user.local_id ? String(user.local_id) : '', attendee_ids: [String(user.id)] };
}

/** The saved meeting as form values, for the edit form. */
export async function meetingValues(db: Db, m: MeetingRow): Promise<Partial<MeetingValues>> {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    campaign_id: s(m.campaign_id), official_id: s(m.official_id), status: m.status, held_on: m.held_on, format: s(m.format),
    location: s(m.location), other_attendees: s(m.other_attendees), stance: s(m.stance), commitment_kinds: m.commitment_kinds,
    commitments: s(m.commitments), notes: s(m.notes), version: String(m.version), local_id: s(m.local_id),
    attendee_ids: (await attendeeIds(db, m.id)).map(String), ask_ids: (await askIds(db, m.id)).map(String),
  };
}

/**
 * What the form offers: the campaigns and their asks, the people who can be picked (those on the
 * meeting being edited included), the official chosen, and the officials matching what was typed in
 * the search box (the no-JavaScript search). With `pickOnlyMatch` (the member pressed Find), a search
 * that finds exactly one official picks them: there is nothing left to choose.
 */
export async function formChoices(db: Db, user: SessionUser, values: Partial<MeetingValues>, meetingId?: number, pickOnlyMatch = false) {
  const campaigns = await campaignChoices(db, id(values.campaign_id));
  const asks = await asksOf(db, campaigns.map((c) => c.id));
  const picked = [...(values.attendee_ids ?? []), ...(values.follow_ups ?? []).map((f) => f.assignee_id)]
    .map((v) => id(v)).filter((v): v is number => !!v);
  // Names of people picked in the input only if the user may pick them: a typed id reveals no one.
  const allowed = picked.length ? await choosableIds(db, user, { meetingId }, picked) : [];
  const people = await peopleChoices(db, user, { meetingId, already: allowed });
  const officialResults = values.official_q ? await searchOfficials(db, values.official_q) : [];
  const onlyMatch = pickOnlyMatch && officialResults.length === 1 ? officialResults[0] : undefined;
  const officialId = id(values.official_id);
  const official = onlyMatch ?? (officialId ? await officialById(db, officialId) : undefined);
  const locals = worksAcrossLocals(user) ? await localChoices(db) : [];
  return {
    locals,
    campaigns: campaigns.map((c) => ({ ...c, asks: asks.filter((a) => a.campaign_id === c.id) })),
    people, official, officialResults, pickedOnlyMatch: !!onlyMatch,
  };
}

export type FormChoices = Awaited<ReturnType<typeof formChoices>>;
