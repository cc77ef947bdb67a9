import { startTestApp, TestApp } from '../helpers/app';
import { createLocal, createOfficial, createUser } from '../helpers/factories';
import { meetingBy } from '../helpers/meetings.factories';
import type { Request } from 'express';
import { Agent, signIn } from '../helpers/session';
import { rememberedLists } from '../../src/shared/nav';

/*
 * A list remembers how it was last shown (a cookie of its own parameters, no session write): the
 * menu opens it that way and a record opened from it offers "Back to the results".
 */
let t: TestApp;
let member: Agent;
let meetingId: number;
let officialId: number;

const menuLink = (html: string, label: string) => html.match(new RegExp(`<ul class="menu-links">[\\s\\S]*?<a href="([^"]*)"[^>]*>${label}</a>`))?.[1]?.replace(/&amp;/g, '&');
const backLink = (html: string) => html.match(/<a class="back-link" href="([^"]*)"><span aria-hidden="true">←<\/span> ([^<]*)<\/a>/)?.slice(1).map((s) => s.replace(/&amp;/g, '&'));

beforeAll(async () => {
  t = await startTestApp();
  const local = await createLocal(t.db);
  const mona = await createUser(t.db, 'member', { local_id: local.id });
  const official = await createOfficial(t.db);
  officialId = official.id;
  meetingId = (await meetingBy(t.db, mona, { official_id: official.id, held_on: '2026-02-01' })).id;
  member = await signIn(t.app, mona.email);
});
afterAll(async () => { await t.close(); });

test('the menu opens each list as it was last shown, without its page number', async () => {
  const fresh = (await member.get('/account').expect(200)).text;
  expect(menuLink(fresh, 'Meetings')).toBe('/meetings');
  expect(backLink((await member.get(`/meetings/${meetingId}`).expect(200)).text)).toBeUndefined();

  await member.get('/meetings?status=held&province=ON&page=2').expect(200);
  await member.get('/officials?q=pat&sort=party').expect(200);
  await member.get('/follow-ups?overdue=1').expect(200);
  const later = (await member.get('/account').expect(200)).text;
  expect(menuLink(later, 'Meetings')).toBe('/meetings?status=held&province=ON');
  expect(menuLink(later, 'Officials')).toBe('/officials?q=pat&sort=party');
  expect(menuLink(later, 'Follow-ups')).toBe('/follow-ups?overdue=1');
});

test('a record opened from a list goes back to the results, page and all', async () => {
  await member.get('/meetings?status=held&page=1').expect(200);
  expect(backLink((await member.get(`/meetings/${meetingId}`).expect(200)).text)).toEqual(['/meetings?status=held&page=1', 'Back to the results']);
  await member.get('/officials?province=ON').expect(200);
  expect(backLink((await member.get(`/officials/${officialId}`).expect(200)).text)).toEqual(['/officials?province=ON', 'Back to the results']);
});

test('a list shown with a refused filter is not remembered', async () => {
  await member.get('/meetings?stance=supportive').expect(200);
  await member.get('/meetings?from=tomorrow').expect(422);
  expect(menuLink((await member.get('/account').expect(200)).text, 'Meetings')).toBe('/meetings?stance=supportive');
});

test('a forged or oversized cookie gives only the list’s own short parameters', () => {
  // What a browser sends back is outside our hands: only the list's own keys, each short, are kept.
  const cookie = `sid=1; mpt.list.meetings=${encodeURIComponent('status=held&evil="><script>&next=//elsewhere')}; mpt.list.officials=${'q='.padEnd(5000, 'x')}`;
  const lists = rememberedLists({ headers: { cookie } } as Request);
  expect(lists.meetings).toEqual({ menu: '/meetings?status=held', back: '/meetings?status=held' });
  expect(lists.officials).toEqual({ menu: '/officials' });
  expect(lists.followUps).toEqual({ menu: '/follow-ups' });
});
