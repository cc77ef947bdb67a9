import type { RequestHandler } from 'express';
import type { TFunction } from 'i18next';
import { fold } from '../shared/fold';
import { Level, PROVINCES as PROVINCE_CODES, TERRITORIES as TERRITORY_CODES } from '../vocab/vocab';

/**
 * Jurisdictions are stored as Open Civic Data style ids (ca, ca_on, ca_on_toronto) and shown by the
 * name of the body: "House of Commons", "Legislative Assembly of Ontario", "Toronto City Council".
 */

/** Provinces and territories as jurisdiction ids spell them (ca_on). */
const PROVINCES = PROVINCE_CODES.map((p) => p.toLowerCase());
export const TERRITORIES = TERRITORY_CODES.map((p) => p.toLowerCase());

/** Cities whose name the id cannot spell (accents, capitals inside): the rest are title-cased. */
const CITY_NAMES: Record<string, string> = {
  montreal: 'Montréal', quebec: 'Québec', levis: 'Lévis', trois_rivieres: 'Trois-Rivières', saint_jerome: 'Saint-Jérôme',
  saint_jean_sur_richelieu: 'Saint-Jean-sur-Richelieu', sainte_julie: 'Sainte-Julie', greater_sudbury: 'Greater Sudbury',
  st_johns: 'St. John’s', st_catharines: 'St. Catharines', chateauguay: 'Châteauguay', rimouski: 'Rimouski',
};

export function cityName(slug: string): string {
  return CITY_NAMES[slug] ?? slug.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** A council's id from its city and province: folded to lower case without accents, spaces as underscores. */
export function cityJurisdiction(province: string, city: string): string {
  const slug = fold(city).replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return `ca_${province.toLowerCase()}_${slug}`;
}

/**
 * The name of the body a level and jurisdiction stand for, in the reader's language. A council is
 * named by its city as its list spells it (`city`, kept in the councils table) where the tracker
 * has it, else as well as its id allows ("Saint Hyacinthe" for ca_qc_saint_hyacinthe).
 */
export function jurisdictionName(t: TFunction, level: string | null | undefined, jurisdiction: string | null | undefined, city?: string | null): string {
  if (!jurisdiction) return '';
  if (jurisdiction === 'ca') return t(level === 'senate' ? 'officials:bodies.senate' : 'officials:bodies.commons');
  const province = /^ca_([a-z]{2})$/.exec(jurisdiction)?.[1];
  if (province && PROVINCES.includes(province)) return t(`officials:bodies.${province}`);
  const stored = city?.trim();
  const council = /^ca_([a-z]{2})_([a-z0-9_]+)$/.exec(jurisdiction);
  if (council && PROVINCES.includes(council[1])) {
    const name = stored || cityName(council[2]);
    // French elides "de" before a vowel: "Conseil municipal d’Ottawa".
    return t(/^[aeiouyàâéèêîôû]/i.test(name) ? 'officials:bodies.cityVowel' : 'officials:bodies.city', { city: name });
  }
  return jurisdiction;
}

/**
 * A refusal's or problem's parameters with the bodies named: each `level`/`jurisdiction` pair (and
 * `targetLevel`/`targetJurisdiction`, the body an import is for) gains `body` (`targetBody`).
 */
export function withBodyNames(t: TFunction, params: Record<string, string | number> = {}): Record<string, string | number> {
  const out = { ...params };
  if (params.jurisdiction !== undefined) out.body = jurisdictionName(t, String(params.level ?? ''), String(params.jurisdiction));
  if (params.targetJurisdiction !== undefined) out.targetBody = jurisdictionName(t, String(params.targetLevel ?? ''), String(params.targetJurisdiction));
  return out;
}

/** What a level and jurisdiction given together must look like; the catalogue key of the reason, or undefined. */
export function scopeMismatch(level: string, jurisdiction: string): string | undefined {
  const province = /^ca_([a-z]{2})$/.exec(jurisdiction)?.[1];
  if (level === 'federal' || level === 'senate') return jurisdiction === 'ca' ? undefined : 'officials:refused.federalIsCa';
  if (level === 'provincial') return province && PROVINCES.includes(province) && !TERRITORIES.includes(province) ? undefined : 'officials:refused.notAProvince';
  if (level === 'territorial') return province && TERRITORIES.includes(province) ? undefined : 'officials:refused.notATerritory';
  const city = /^ca_([a-z]{2})_[a-z0-9_]+$/.exec(jurisdiction)?.[1];
  return city && PROVINCES.includes(city) ? undefined : 'officials:refused.notACouncil';
}

export interface Body {
  level: Level;
  /** Known for every body but a municipal council, whose province the addresses may give. */
  jurisdiction?: string;
  /** A municipal council: the city as the organization names it. */
  city?: string;
}

/** Legislatures by a distinctive part of their name (folded), English and French. */
const LEGISLATURE_PROVINCE: [string, string][] = [
  ['newfoundland', 'nl'], ['terre neuve', 'nl'], ['prince edward', 'pe'], ['prince edouard', 'pe'], ['nova scotia', 'ns'],
  ['nouvelle ecosse', 'ns'], ['new brunswick', 'nb'], ['nouveau brunswick', 'nb'], ['quebec', 'qc'], ['ontario', 'on'],
  ['manitoba', 'mb'], ['saskatchewan', 'sk'], ['alberta', 'ab'], ['british columbia', 'bc'], ['colombie britannique', 'bc'],
  ['yukon', 'yt'], ['northwest territories', 'nt'], ['nord ouest', 'nt'], ['nunavut', 'nu'],
];

/** Council names: "Toronto City Council", "Conseil municipal de Montréal", "City of Ottawa", … */
const COUNCIL = [
  /^(.+?)\s+(?:city|town|municipal|regional|township|village|county|district)?\s*council$/i,
  /^(?:conseil\s+(?:municipal|de\s+ville)|ville|city|town|municipality|municipalite|township|village)\s+(?:of\s+|de\s+la\s+|de\s+l[’']|de\s+|d[’']|du\s+)?(.+)$/i,
];

/** The body a Represent "Organization" names, or undefined when it says nothing the import knows. */
export function bodyOfOrganization(name: string): Body | undefined {
  const text = name.slice(0, 200).trim();
  const folded = fold(text);
  if (!folded) return undefined;
  if (folded.includes('house of commons') || folded.includes('chambre des communes')) return { level: 'federal', jurisdiction: 'ca' };
  if (folded.startsWith('senate') || folded.startsWith('senat')) return { level: 'senate', jurisdiction: 'ca' };
  if (/assembl|legislat/.test(folded)) {
    const province = LEGISLATURE_PROVINCE.find(([n]) => folded.includes(n))?.[1];
    if (province) return { level: TERRITORIES.includes(province) ? 'territorial' : 'provincial', jurisdiction: `ca_${province}` };
    return undefined;
  }
  for (const pattern of COUNCIL) {
    const city = pattern.exec(text)?.[1]?.trim();
    if (city) return { level: 'municipal', city };
  }
  return undefined;
}

/** Views name a jurisdiction by its body ("Legislative Assembly of Ontario"), never by its id. */
export const bodyNameLocals: RequestHandler = (req, res, next) => {
  res.locals.bodyName = (level: string, jurisdiction: string, city?: string | null) => jurisdictionName(req.t, level, jurisdiction, city);
  res.locals.bodyParams = (params?: Record<string, string | number>) => withBodyNames(req.t, params);
  next();
};
