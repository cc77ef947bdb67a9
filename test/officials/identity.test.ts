import type { TestApp } from '../helpers/app';
import { startTestApp } from '../helpers/app';
import { createCampaign, createMeeting, createUser } from '../helpers/factories';
import { commonsFile, preview, representFile } from '../helpers/officials.factories';
import { Agent, csrfFrom, signIn } from '../helpers/session';

/**
 * Who a row of a file is: the identity rules of an import, through the preview and its choices.
 * Meetings are the record of the campaign: they never move to someone the member did not meet.
 */
let t: TestApp;
let agent: Agent;
const row = (first: string, last: string, riding: string, party: string, start = '2021-09-20') =>
  `,${first},${last},${riding},Ontario,${party},${start} 12:00:00 AM,`;
const sittingIn = (constituency: string) => t.db('officials').where({ constituency }).whereNull('end_date').first();

beforeAll(async () => {
  t = await startTestApp();
  agent = await signIn(t.app, (await createUser(t.db, 'coordinator')).email);
});
afterAll(async () => { await t.close(); });

/** Posts the preview's confirm form with these fields, as a browser sends it. */
async function apply(batchId: number, fields: Record<string, string> = {}) {
  const page = await agent.get(`/officials/imports/${batchId}`);
  return agent.post(`/officials/imports/${batchId}`).type('form').send({ _csrf: csrfFrom(page.text), ...fields });
}

async function meetingWith(officialId: number, notes: string) {
  const campaign = await createCampaign(t.db, { name: `Campaign ${notes}` });
  return createMeeting(t.db, { official_id: officialId, campaign_id: campaign.id, notes });
}

test('a recount: a different person and party with the same start date is a new official; the meeting stays with the old member', async () => {
  await apply(await preview(agent, commonsFile([row('Ann', 'Oldmember', 'Recount Riding', 'Conservative'), row('Sam', 'Steady', 'Quiet Riding', 'Liberal')])));
  const old = await sittingIn('Recount Riding');
  const meeting = await meetingWith(old.id, 'Talked about child care');

  const id = await preview(agent, commonsFile([row('Bob', 'Newmember', 'Recount Riding', 'Liberal'), row('Sam', 'Steady', 'Quiet Riding', 'Liberal')]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toMatch(/data-count="added">1</);
  expect(page.text).toMatch(/data-count="updated">0</);
  expect(page.text).toContain('Row 2: a different person in Recount Riding: Bob Newmember replaces Ann Oldmember');
  expect(page.text).toContain('1 meeting stays with Ann Oldmember');
  expect(page.text).toContain('1 meeting moves to Bob Newmember');
  expect((await apply(id)).status).toBe(303);

  expect(await t.db('officials').where({ id: old.id }).first()).toMatchObject({ first_name: 'Ann', last_name: 'Oldmember', party: 'Conservative', end_date: '2021-09-20' });
  expect(await sittingIn('Recount Riding')).toMatchObject({ first_name: 'Bob', last_name: 'Newmember', party: 'Liberal' });
  expect(await t.db('meetings').where({ id: meeting.id }).first()).toMatchObject({ official_id: old.id });
  const meetingPage = await agent.get(`/meetings/${meeting.id}`).expect(200);
  expect(meetingPage.text).toContain('Ann Oldmember');
  expect(meetingPage.text).not.toContain('Newmember');
  expect((await agent.get(`/officials/${old.id}`).expect(200)).text).toContain(`href="/meetings/${meeting.id}"`);
});

test('rule 3: the same party and surname with a new given name is the same person, named anew, whatever the start date', async () => {
  await apply(await preview(agent, commonsFile([row('Ziad', 'Aboultaif', 'Edmonton Manning', 'Conservative')])));
  const before = await sittingIn('Edmonton Manning');
  await meetingWith(before.id, 'Rule three');
  const id = await preview(agent, commonsFile([row('Zed', 'Aboultaif', 'Edmonton Manning', 'Conservative', '2025-04-28')]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('same person, name changed: Ziad Aboultaif → Zed Aboultaif');
  expect(page.text).toContain('1 meeting moves to Zed Aboultaif');
  expect(page.text).toMatch(/data-count="updated">1</);
  await apply(id);
  expect(await sittingIn('Edmonton Manning')).toMatchObject({ id: before.id, first_name: 'Zed', start_date: '2025-04-28' });
});

test('a different name and a different party is never the same person, even with a shared surname', async () => {
  await apply(await preview(agent, commonsFile([row('Pat', 'Smith', 'Smith Riding', 'Liberal')])));
  const before = await sittingIn('Smith Riding');
  const id = await preview(agent, commonsFile([row('Pat', 'Smith-Jones', 'Smith Riding', 'NDP', '2025-04-28')]));
  expect((await agent.get(`/officials/imports/${id}`)).text).toContain('a different person in Smith Riding');
  await apply(id);
  expect(await t.db('officials').where({ id: before.id }).first()).toMatchObject({ last_name: 'Smith', end_date: '2025-04-28' });
});

test('rule 4: the same name and party in a renamed riding is the same person in a new seat, and their meetings follow', async () => {
  await apply(await preview(agent, commonsFile([
    row('Carol', 'Mover', 'Old Riding', 'NDP'), row('Xavier', 'Swap', 'East Seat', 'Liberal'), row('Yolanda', 'Swap', 'West Seat', 'Liberal'),
  ])));
  const carol = await sittingIn('Old Riding');
  const [x, y] = [await sittingIn('East Seat'), await sittingIn('West Seat')];
  const meeting = await meetingWith(carol.id, 'Before the redistribution');
  // A redistribution: Old Riding is renamed, and East and West swap their members.
  const id = await preview(agent, commonsFile([
    row('Carol', 'Mover', 'Renamed Riding', 'NDP', '2025-04-28'), row('Xavier', 'Swap', 'West Seat', 'Liberal', '2025-04-28'), row('Yolanda', 'Swap', 'East Seat', 'Liberal', '2025-04-28'),
  ]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('Row 2: same person, new seat: Carol Mover, Old Riding → Renamed Riding');
  expect(page.text).toContain('1 meeting follows Carol Mover to Renamed Riding');
  expect(page.text).toMatch(/data-count="added">0</);
  expect((await apply(id)).status).toBe(303);
  expect(await sittingIn('Renamed Riding')).toMatchObject({ id: carol.id, start_date: '2025-04-28' });
  expect(await sittingIn('Old Riding')).toBeUndefined();
  expect(await sittingIn('West Seat')).toMatchObject({ id: x.id });
  expect(await sittingIn('East Seat')).toMatchObject({ id: y.id });
  expect((await agent.get(`/officials/${carol.id}`)).text).toContain(`href="/meetings/${meeting.id}"`);
});

test('rule 4 unmatched in the preview: a different person, and the meetings stay with the member of the old seat', async () => {
  await apply(await preview(agent, commonsFile([row('Dan', 'Twin', 'Seat A', 'Green')])));
  const dan = await sittingIn('Seat A');
  const meeting = await meetingWith(dan.id, 'Met the first Dan');
  const id = await preview(agent, commonsFile([row('Dan', 'Twin', 'Seat B', 'Green', '2025-04-28')]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('same person, new seat: Dan Twin, Seat A → Seat B');
  expect(page.text).toContain('1 meeting stays with Dan Twin');
  expect((await apply(id, { case_2: 'different' })).status).toBe(303);
  expect(await sittingIn('Seat A')).toMatchObject({ id: dan.id });
  const newcomer = await sittingIn('Seat B');
  expect(newcomer.id).not.toBe(dan.id);
  expect(await t.db('meetings').where({ id: meeting.id }).first()).toMatchObject({ official_id: dan.id });
  expect(await t.db('import_batches').where({ id }).first()).toMatchObject({ added: 1, updated: 0 });
});

test('rule 1: the same identifier is the same person, whatever their name, party or seat; a shared address identifies no one', async () => {
  const url = (slug: string) => `https://www.ourcommons.ca/Members/en/${slug}`;
  const rep = (district: string, name: string, party: string, source: string) => `${district},MP,${name},,,F,${party},,,${source},`;
  await apply(await preview(agent, representFile([
    rep('Identity One', 'Eve Ident', 'Liberal', url('eve-ident(123)')),
    rep('Shared One', 'Gus Shared', 'Liberal', url('search')), rep('Shared Two', 'Hal Shared', 'Liberal', url('search')),
  ])));
  const eve = await sittingIn('Identity One');
  expect(eve.external_id).toBe(url('eve-ident(123)'));
  expect(await sittingIn('Shared One')).toMatchObject({ external_id: null });
  const meeting = await meetingWith(eve.id, 'Met Eve');
  const id = await preview(agent, representFile([rep('Identity Two', 'Evelyn Newname', 'Independent', url('evelyn-newname(123)'))]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toMatch(/data-count="updated">1</);
  expect(page.text).not.toContain('People to check');
  await apply(id);
  expect(await sittingIn('Identity Two')).toMatchObject({ id: eve.id, first_name: 'Evelyn', party: 'Independent', external_id: url('evelyn-newname(123)') });
  expect(await t.db('meetings').where({ id: meeting.id }).first()).toMatchObject({ official_id: eve.id });
});

test('flipping a case in the preview: "same person" on a replacement updates the sitting official; a bad choice changes nothing', async () => {
  await apply(await preview(agent, commonsFile([row('Irene', 'Flip', 'Flip Riding', 'Liberal')])));
  const irene = await sittingIn('Flip Riding');
  await meetingWith(irene.id, 'Met Irene');
  const id = await preview(agent, commonsFile([row('Renee', 'Other', 'Flip Riding', 'Liberal', '2025-04-28')]));
  const bad = await apply(id, { case_2: 'maybe', ended_on: '2025-13-45' });
  expect(bad.status).toBe(422);
  expect(bad.text).toContain('Choose “same person” or “different person”.');
  expect(bad.text).toContain('Write a date between 1867-07-01 and today');
  expect(bad.text).toContain('value="2025-13-45"');
  expect(await t.db('import_batches').where({ id }).first()).toMatchObject({ status: 'previewed' });
  expect(await sittingIn('Flip Riding')).toMatchObject({ id: irene.id, first_name: 'Irene' });

  expect((await apply(id, { case_2: 'same' })).status).toBe(303);
  expect(await sittingIn('Flip Riding')).toMatchObject({ id: irene.id, first_name: 'Renee', last_name: 'Other' });
  expect(await t.db('officials').where({ constituency: 'Flip Riding' }).count('* as n').first()).toEqual({ n: '1' });
  const applied = await agent.get(`/officials/imports/${id}`);
  expect(applied.text).toContain('chosen: Same person: 1 meeting moves to Renee Other');
});

test('"Ended on": the coordinator chooses the date of the officials a complete list leaves out, and of a newcomer without a start date', async () => {
  const rep = (district: string, name: string, party: string) => `${district},MP,${name},,,F,${party},`;
  await apply(await preview(agent, representFile([rep('Ending One', 'Kim Stays', 'Liberal'), rep('Ending Two', 'Lou Leaves', 'NDP'), rep('Ending Three', 'Max Replaced', 'Green')])));
  const [lou, max] = [await sittingIn('Ending Two'), await sittingIn('Ending Three')];
  const id = await preview(agent, representFile([rep('Ending One', 'Kim Stays', 'Liberal'), rep('Ending Three', 'Ned Newcomer', 'Liberal')]));
  const page = await agent.get(`/officials/imports/${id}`);
  expect(page.text).toContain('Ended on');
  expect(page.text).toMatch(/name="ended_on" value="\d{4}-\d{2}-\d{2}"/);
  await apply(id, { complete: '1', ended_on: '2026-01-15' });
  expect(await t.db('officials').where({ id: lou.id }).first()).toMatchObject({ end_date: '2026-01-15' });
  expect(await t.db('officials').where({ id: max.id }).first()).toMatchObject({ end_date: '2026-01-15' });
  expect(await sittingIn('Ending Three')).toMatchObject({ first_name: 'Ned' });
});

test('a French-speaking coordinator reads the cases and their choices in French', async () => {
  const user = await createUser(t.db, 'coordinator');
  await t.db('users').where({ id: user.id }).update({ language: 'fr' });
  const french = await signIn(t.app, user.email);
  await apply(await preview(agent, commonsFile([row('Odile', 'Avant', 'Circonscription Test', 'Bloc Québécois')])));
  await meetingWith((await sittingIn('Circonscription Test')).id, 'Rencontre');
  const id = await preview(french, commonsFile([row('Odile', 'Après', 'Circonscription Test', 'Bloc Québécois', '2025-04-28')]));
  const page = await french.get(`/officials/imports/${id}`);
  expect(page.text).toContain('Ligne 2 : même personne, nom changé : Odile Avant → Odile Après');
  expect(page.text).toContain('Même personne : 1 rencontre passe à Odile Après');
  expect(page.text).toContain('1 rencontre reste avec Odile Avant');
  expect(page.text).toContain('Fin du mandat le');
});

test('reviewing the choices shows the counts they give, with the choices kept, and writes nothing', async () => {
  await apply(await preview(agent, commonsFile([row('Quinn', 'Review', 'Review Riding', 'Liberal')])));
  const quinn = await sittingIn('Review Riding');
  const id = await preview(agent, commonsFile([row('Rita', 'Else', 'Review Riding', 'Liberal', '2025-04-28')]));
  expect((await agent.get(`/officials/imports/${id}`)).text).toMatch(/data-count="added">1</);
  const review = await apply(id, { case_2: 'same', review: '1', ended_on: '2026-01-15' });
  expect(review.status).toBe(200);
  expect(review.text).toMatch(/data-count="added">0</);
  expect(review.text).toMatch(/data-count="updated">1</);
  expect(review.text).toMatch(/name="case_2" value="same" checked/);
  expect(review.text).toContain('value="2026-01-15"');
  expect(await t.db('import_batches').where({ id }).first()).toMatchObject({ status: 'previewed', added: 1 });
  expect(await sittingIn('Review Riding')).toMatchObject({ id: quinn.id, first_name: 'Quinn' });
});
