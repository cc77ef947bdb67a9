import { z } from 'zod';
import type { Db } from '../src/db';
import { allRows, firstRow, Id } from '../src/db/rows';
import type { SeedContext } from './context';
import { addDays } from '../src/dashboard/periods';
import { logMeeting } from '../src/meetings/meetings.service';
import { markDone } from '../src/meetings/follow-ups.service';
import { today } from '../src/shared/validation';
import type { CommitmentKind, MeetingStatus, Stance } from '../src/vocab/vocab';
import { DEMO_CAMPAIGN, Named, Riding } from './04_campaign';
import { demoUser } from './demo-users';

/** A follow-up: what, due in how many days from today (negative: overdue), done already or not. */
type FollowUp = [what: string, dueIn: number, done?: boolean];
/** One demo meeting: riding, local (by city), status, days before today (negative: ahead), stance, commitments, follow-ups. */
type Plan = [riding: string, local: string, status: MeetingStatus, daysAgo: number, stance?: Stance, kinds?: CommitmentKind[], commitments?: string, followUps?: FollowUp[]];

const LOCALS: Record<string, string> = {
  Toronto: 'Local 79 Toronto', Montréal: 'Section locale 301 Montréal', Vancouver: 'Local 873 Vancouver',
  Halifax: 'Local 2204 Halifax', Winnipeg: 'Local 500 Winnipeg', Edmonton: 'Local 1158 Edmonton',
};

const BRIEF: FollowUp = ['Send the costing brief on community services funding', 10];
const THANKS: FollowUp = ['Send a thank-you letter with the asks', -5, true];

/** Spread over the campaign's twelve weeks, busier lately; the same MP met twice shows the latest stance winning. */
const PLANS: Plan[] = [
  ['Toronto Centre', 'Toronto', 'requested', 80],
  ['Toronto Centre', 'Toronto', 'held', 66, 'undecided', [], undefined, [['Share the wait-list figures for Toronto shelters', -40, true]]],
  ['Toronto Centre', 'Toronto', 'held', 9, 'supportive', ['caucus'], 'Will raise stable funding at the Ontario caucus.', [BRIEF]],
  ['Davenport', 'Toronto', 'held', 58, 'champion', ['caucus', 'public'], 'Will speak for the campaign at the rally on the Hill.', [THANKS]],
  ['Taiaiako\'n—Parkdale—High Park', 'Toronto', 'held', 30, 'supportive', ['minister'], 'Will write to the Minister of Finance before the budget.', [['Ask for a copy of the letter to the minister', -3]]],
  ['Spadina—Harbourfront', 'Toronto', 'scheduled', -6],
  ['Beaches—East York', 'Toronto', 'held', 16, 'champion', ['public', 'meet_again'], 'Will table a petition in the House.', [['Collect petition signatures at the next general meeting', 12]]],
  ['Hamilton Centre', 'Toronto', 'held', 44, 'champion', ['caucus'], 'Will press the NDP caucus to make it a budget condition.'],
  ['Barrie South—Innisfil', 'Toronto', 'declined', 37],
  ['Kitchener Centre', 'Toronto', 'held', 5, 'supportive', ['meet_again'], 'Will meet us again after the budget.', [['Book the second meeting', 30]]],
  ['Bay of Quinte', 'Toronto', 'held', 23, 'opposed', [], undefined, [['Send local service-closure stories from the riding', -8]]],
  ['Laurier—Sainte-Marie', 'Montréal', 'held', 72, 'undecided'],
  ['Laurier—Sainte-Marie', 'Montréal', 'held', 12, 'supportive', ['minister'], 'Parlera au ministre des Finances.', [['Envoyer la note sur le financement', 4]]],
  ['Outremont', 'Montréal', 'scheduled', -11],
  ['Rosemont—La Petite-Patrie', 'Montréal', 'held', 51, 'champion', ['caucus', 'public'], 'Portera la demande au caucus et en Chambre.', [THANKS]],
  ['Abitibi—Témiscamingue', 'Montréal', 'held', 27, 'supportive', ['public'], 'Appuiera publiquement la campagne.'],
  ['Beauce', 'Montréal', 'cancelled', 20],
  ['Ahuntsic-Cartierville', 'Montréal', 'requested', 8],
  ['Alfred-Pellan', 'Montréal', 'held', 3, 'undecided', [], undefined, [['Rappeler le bureau de circonscription', -1]]],
  ['Vancouver East', 'Vancouver', 'held', 62, 'champion', ['caucus'], 'Will raise it in caucus and with the housing critic.'],
  ['Vancouver Centre', 'Vancouver', 'held', 33, 'undecided', [], undefined, [['Send the BC community services report', -12]]],
  ['Burnaby Central', 'Vancouver', 'held', 15, 'champion', ['public', 'caucus'], 'Will mention the campaign in the next media scrum.'],
  ['Abbotsford—South Langley', 'Vancouver', 'declined', 40],
  ['Saanich—Gulf Islands', 'Vancouver', 'held', 6, 'supportive', ['public'], 'Will sign the open letter.', [BRIEF]],
  ['Burnaby North—Seymour', 'Vancouver', 'scheduled', -3],
  ['Halifax', 'Halifax', 'held', 47, 'supportive', ['minister'], 'Will bring the brief to the Treasury Board president.', [['Follow up with the constituency assistant', -20]]],
  ['Dartmouth—Cole Harbour', 'Halifax', 'held', 19, 'undecided'],
  ['Central Nova', 'Halifax', 'requested', 25],
  ['Cumberland—Colchester', 'Halifax', 'held', 10, 'opposed'],
  ['Winnipeg Centre', 'Winnipeg', 'held', 54, 'champion', ['caucus', 'public'], 'Will ask a question in Question Period.', [THANKS]],
  ['Winnipeg North', 'Winnipeg', 'held', 22, 'supportive', ['meet_again'], 'Will meet the local’s executive.', [['Set a date with the executive', 7]]],
  ['Brandon—Souris', 'Winnipeg', 'cancelled', 14],
  ['Elmwood—Transcona', 'Winnipeg', 'scheduled', -9],
  ['Edmonton Strathcona', 'Edmonton', 'held', 76, 'champion', ['public'], 'Will co-sign the op-ed.'],
  ['Edmonton Centre', 'Edmonton', 'held', 45, 'undecided', [], undefined, [['Send Alberta figures on agency closures', -30]]],
  ['Airdrie—Cochrane', 'Edmonton', 'declined', 50],
  ['Charlottetown', 'Halifax', 'held', 2, 'supportive', ['caucus'], 'Will raise it at the Atlantic caucus.'],
  ['Yukon', 'Vancouver', 'held', 36, undefined, [], 'Asked for more information first.'],
  ['Nunavut', 'Winnipeg', 'held', 4, 'champion', ['public', 'caucus'], 'Will speak to northern service gaps in the House.'],
  ['Fredericton—Oromocto', 'Halifax', 'held', 1, 'supportive', [], undefined, [['Send the brief in both official languages', 6]]],
];

const FORMATS = ['constituency_office', 'in_person', 'virtual', 'phone', 'constituency_office', 'event'];

/**
 * A few dozen meetings of the default campaign, logged through the meetings service: the member logs
 * Toronto's, the coordinator logs the other locals'. Skipped once the campaign has any meeting.
 */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  const campaign = await firstRow(Id, db('campaigns').where({ name: DEMO_CAMPAIGN }).first('id'), 'the demo campaign');
  if (!campaign || (await firstRow(Id, db('meetings').where({ campaign_id: campaign.id }).first('id'), "a demo campaign's meeting"))) return;
  const [member, coordinator] = [await demoUser(db, 'member'), await demoUser(db, 'coordinator')];
  const officials = new Map((await allRows(Riding, db('officials').where({ level: 'federal', jurisdiction: 'ca' }).whereNull('end_date')
    .select('id', 'constituency'), 'the sitting MPs')).map((o) => [o.constituency, o.id]));
  const locals = new Map((await allRows(Named, db('locals').select('id', 'name'), 'the locals')).map((l) => [l.name, l.id]));
  const asks = await allRows(z.number(), db('campaign_asks').where({ campaign_id: campaign.id }).orderBy('position').pluck('id'), "the demo campaign's asks");
  const day = today();
  const done: number[] = [];
  for (const [i, [riding, city, status, daysAgo, stance, kinds, commitments, followUps]] of PLANS.entries()) {
    const official_id = officials.get(riding);
    if (!official_id) throw new Error(`No sitting MP for ${riding}`);
    const byMember = city === 'Toronto';
    const result = await logMeeting(db, byMember ? member : coordinator, {
      campaign_id: campaign.id, official_id, status, held_on: addDays(day, -daysAgo),
      format: FORMATS[i % FORMATS.length], attendee_ids: byMember ? [member.id] : [],
      ask_ids: status === 'held' ? asks.slice(0, 1 + (i % asks.length)) : [], stance: stance ?? null,
      commitment_kinds: kinds ?? [], commitments: commitments ?? null,
      follow_ups: (followUps ?? []).map(([description, dueIn]) => ({ description, due_on: addDays(day, dueIn), assignee_id: byMember ? member.id : coordinator.id })),
      ...(byMember ? {} : { local_id: locals.get(LOCALS[city]) ?? null }),
    });
    if (!result.ok) throw new Error(`Could not log the demo meeting with ${riding}: ${JSON.stringify(result)}`);
    const ids = await allRows(z.number(), db('follow_ups').where({ meeting_id: result.meeting.id }).orderBy('id').pluck('id'), "a demo meeting's follow-ups");
    (followUps ?? []).forEach(([, , isDone], k) => { if (isDone) done.push(ids[k]); });
  }
  for (const id of done) await markDone(db, coordinator, id);
  await backdate(db, campaign.id);
  ctx.added(PLANS.length);
  ctx.say(`${PLANS.length} meetings of “${DEMO_CAMPAIGN}” across ${new Set(PLANS.map((p) => p[1])).size} locals, with commitments and follow-ups`);
}

/**
 * The demo is logged all at once, but the dashboard compares the campaign with how it stood 30 days
 * ago: each meeting and its follow-ups are dated as if logged on the day it happened (or today, for
 * one still ahead), and a follow-up done on its due date or the meeting's day.
 */
async function backdate(db: Db, campaignId: number): Promise<void> {
  const logged = "((LEAST(m.held_on, CURRENT_DATE) + time '18:00') AT TIME ZONE 'America/Toronto')";
  await db.raw(`UPDATE meetings m SET created_at = ${logged}, updated_at = ${logged} WHERE m.campaign_id = ?`, [campaignId]);
  await db.raw(`UPDATE follow_ups f SET created_at = ${logged},
      done_at = CASE WHEN f.done_at IS NULL THEN NULL ELSE ((GREATEST(f.due_on, m.held_on) + time '19:00') AT TIME ZONE 'America/Toronto') END
    FROM meetings m WHERE m.id = f.meeting_id AND m.campaign_id = ?`, [campaignId]);
}
