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
