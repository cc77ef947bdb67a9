import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { startTestApp, TestApp } from './app';
import { createUser } from './factories';
import { csrfFrom, Agent, signIn } from './session';

/** The real House of Commons export of October 2021, as published (data/ ships it byte for byte). */
export const COMMONS_FIXTURE = path.join(__dirname, '..', '..', 'data', 'house-of-commons-mps-2021-10.csv');
export const commonsBytes = () => fs.readFileSync(COMMONS_FIXTURE);

export const COMMONS_HEADER = '"Honorific Title","First Name","Last Name","Constituency","Province / Territory","Political Affiliation","Start Date","End Date"';
export const FRENCH_HEADER = 'Titre honorifique,Prénom,Nom de famille,Circonscription,Province / Territoire,Affiliation politique,Date de début,Date de fin';

/** A House of Commons export as published: BOM, quoted header, CRLF. */
export function commonsFile(rows: string[], header = COMMONS_HEADER): Buffer {
  return Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`, 'utf8');
}

/** A Represent CSV as Open North serves it: Windows-1252, CRLF records, bare LF inside quoted addresses. */
export function representFile(rows: string[]): Buffer {
  const header = 'District name,Primary role,Name,First name,Last name,Gender,Party name,Email,Photo URL,Source URL,Website,Office type,Address,Phone,Fax,Office type,Address,Phone,Fax';
  return iconv.encode(`${[header, ...rows].join('\r\n')}\r\n`, 'windows-1252');
}

/** Uploads a file on /officials/imports as the browser does (the CSRF token first in the form). */
export async function upload(agent: Agent, bytes: Buffer, fields: Record<string, string> = {}, fileName = 'officials.csv') {
  const token = csrfFrom((await agent.get('/officials/imports')).text);
  let req = agent.post('/officials/imports').field('_csrf', token);
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach('file', bytes, { filename: fileName, contentType: 'text/csv' });
}

/** Uploads then returns the batch id the preview redirected to. */
export async function preview(agent: Agent, bytes: Buffer, fields: Record<string, string> = {}): Promise<number> {
  const res = await upload(agent, bytes, fields);
  if (res.status !== 303) throw new Error(`Preview refused (${res.status}): ${res.text.match(/role="alert"[\s\S]*?<\/div>/)?.[0]}`);
  return Number(res.headers.location.split('/').pop());
}

export async function confirm(agent: Agent, batchId: number, complete = false) {
  const page = await agent.get(`/officials/imports/${batchId}`);
  return agent.post(`/officials/imports/${batchId}`).type('form').send({ _csrf: csrfFrom(page.text), ...(complete ? { complete: '1' } : {}) });
}

export async function importFile(agent: Agent, bytes: Buffer, fields: Record<string, string> = {}, complete = false) {
  const id = await preview(agent, bytes, fields);
  const res = await confirm(agent, id, complete);
  if (res.status !== 303) throw new Error(`Confirm failed: ${res.status}`);
  return id;
}

/** A test app of the file's own with a coordinator signed in: the import tests' usual start. */
export async function startWithCoordinator(): Promise<{ t: TestApp; agent: Agent }> {
  const t = await startTestApp();
  const coordinator = await createUser(t.db, 'coordinator');
  return { t, agent: await signIn(t.app, coordinator.email) };
}

export const ONTARIO_HEADER = 'Honorific,First name,Last name,Gender,Office type,Address,City,Province,Postal code,Office email,Email,Telephone,Fax,Toll-free,TTY,Riding name,Party,Parliamentary role,Member ID';

/** Ontario's member contact list as published: BOM, CRLF records, a row per office. */
export function ontarioFile(rows: string[]): Buffer {
  return Buffer.from(`\ufeff${[ONTARIO_HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');
}

export interface OntarioOffice {
  first: string;
  last: string;
  riding: string;
  memberId: string;
  party?: string;
  honorific?: string;
  office?: string;
  /** Street lines; a line break inside stays inside the quoted cell. */
  address?: string;
  city?: string;
  province?: string;
  postal?: string;
  email?: string;
  phone?: string;
}

const quoted = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** One office row of Ontario's list (a constituency office unless said otherwise). */
export function ontarioRow(o: OntarioOffice): string {
  return [o.honorific ?? 'MPP', o.first, o.last, '', o.office ?? 'Constituency office', o.address ?? '1 Main St', o.city ?? 'Toronto',
    o.province ?? 'ON', o.postal ?? 'M1E 1A1', '', o.email ?? '', o.phone ?? '', '', '', '', o.riding, o.party ?? 'Liberal', '', o.memberId].map(quoted).join(',');
}

/** Ontario's row for a seat with no member. */
export const ontarioVacantRow = (riding: string) => `,Vacant seat,,,,,,,,,,,,,,${quoted(riding)},,,`;

/** Joel Harden's constituency office, the member most Ontario tests keep in their file. */
export const HARDEN: OntarioOffice = {
  first: 'Joel', last: 'Harden', riding: 'Ottawa Centre', memberId: '7264', party: 'NDP', address: '109 Catherine Street\nUnit 2',
  city: 'Ottawa', postal: 'K2P 0P4', email: 'joel.harden@ola.org', phone: '613-722-6414',
};

/** A Represent download with its Organization column, as the multi-body downloads have it (Windows-1252, CRLF). */
export function organizationFile(rows: string[]): Buffer {
  const header = 'Organization,District name,Primary role,Name,First name,Last name,Gender,Party name,Email,Office type,Address,Phone,Fax';
  return iconv.encode(`${[header, ...rows].join('\r\n')}\r\n`, 'windows-1252');
}

/**
 * One download of several bodies: two legislatures, three councils (Ottawa's rows give no address,
 * so its province is unknown) and an organization the tracker does not know.
 */
export const SEVERAL_BODIES = [
  'Legislative Assembly of Ontario,Ottawa Centre,MPP,Joel Harden,Joel,Harden,M,Ontario New Democratic Party,joel.harden@ola.org,constituency,"109 Catherine Street\nOttawa ON K2P 0P4",613-722-6414,',
  'Legislative Assembly of Ontario,Etobicoke North,MPP,Doug Ford,Doug,Ford,M,Progressive Conservative,,constituency,"823 Albion Road\nEtobicoke ON M9V 1A3",416-745-2859,',
  'Assemblée nationale du Québec,Gouin,MNA,Gabriel Nadeau-Dubois,Gabriel,Nadeau-Dubois,M,Québec solidaire,,constituency,"1 rue X\nMontréal QC H2S 1A1",,',
  'Toronto City Council,Ward 10 Spadina-Fort York,Councillor,Ausma Malik,Ausma,Malik,F,,,legislature,"100 Queen St W\nToronto ON M5H 2N2",416-392-4044,',
  'Toronto City Council,Ward 4 Parkdale-High Park,Councillor,Gord Perks,Gord,Perks,M,,,legislature,"100 Queen St W\nToronto ON M5H 2N2",416-392-7919,',
  'Conseil municipal de Montréal,Saint-Michel,Conseillère,Josefina Blanco,Josefina,Blanco,F,Projet Montréal,,legislature,"275 rue Notre-Dame Est\nMontréal QC H2Y 1C6",514-872-0000,',
  'Ottawa City Council,Kitchissippi,Councillor,Jeff Leiper,Jeff,Leiper,M,,,,,,',
  'Hogwarts Board of Governors,Gryffindor,Governor,Albus Dumbledore,Albus,Dumbledore,M,,,,,,',
];
