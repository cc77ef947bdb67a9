import request from 'supertest';
import type { Express } from 'express';
import { PASSWORD } from './factories';

export type Agent = ReturnType<typeof request.agent>;

/** The CSRF token of the form on a page. */
export function csrfFrom(html: string): string {
  const match = html.match(/name="_csrf" value="([^"]+)"/);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** Reads the token from `page` (a GET) then posts the form fields to `url`, as a browser would. */
export async function postForm(agent: Agent, url: string, fields: Record<string, unknown>, page = url) {
  const token = csrfFrom((await agent.get(page)).text);
  return agent.post(url).type('form').send({ _csrf: token, ...fields });
}

/** A browser-like agent signed in as this user. */
export async function signIn(app: Express, email: string, password = PASSWORD): Promise<Agent> {
  const agent = request.agent(app);
  const res = await postForm(agent, '/login', { email, password });
  if (res.status !== 303) throw new Error(`Sign-in failed for ${email}: ${res.status}`);
  return agent;
}

/** Where a redirect sends the visitor to sign in, the page to come back to in its address. */
export const SIGN_IN = /^\/login(\?next=[^&]*)?$/;

/** What a browser adds to a form posted from one of the tracker's own pages. */
export const FROM_OUR_PAGE = { 'Sec-Fetch-Site': 'same-origin' } as const;

const unescapeHtml = (s: string) =>
  s.replace(/&#34;|&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The sign-in form's hidden `next` (where to go after signing in), if the page has one. */
export function nextFrom(html: string): string | undefined {
  const match = html.match(/<form method="post" action="\/login"[^>]*>[\s\S]*?name="next" value="([^"]*)"/);
  return match ? unescapeHtml(match[1]) : undefined;
}

/** Follows a redirect to the sign-in page and signs in there as a browser would (its hidden fields included). */
export async function signInAt(agent: Agent, loginLocation: string, email: string, password = PASSWORD) {
  const page = await agent.get(loginLocation);
  const next = nextFrom(page.text);
  return agent.post('/login').type('form').send({ _csrf: csrfFrom(page.text), email, password, ...(next ? { next } : {}) });
}

/** A signed-in user's click on the language switch in the page header. */
export async function switchLanguage(agent: Agent, lang: 'en' | 'fr') {
  const res = await postForm(agent, '/language', { lang, next: '/' }, '/account');
  if (res.status !== 303) throw new Error(`Language switch refused: ${res.status}`);
  return res;
}
