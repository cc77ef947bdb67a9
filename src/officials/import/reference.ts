import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT_DIR } from '../../config';
import { fold } from '../../shared/fold';

/** Provinces and territories by code, English name and French name (folded). */
const PROVINCE_NAMES: Record<string, string[]> = {
  NL: ['newfoundland and labrador', 'terre neuve et labrador', 'newfoundland'],
  PE: ['prince edward island', 'ile du prince edouard'],
  NS: ['nova scotia', 'nouvelle ecosse'],
  NB: ['new brunswick', 'nouveau brunswick'],
  QC: ['quebec'],
  ON: ['ontario'],
  MB: ['manitoba'],
  SK: ['saskatchewan'],
  AB: ['alberta'],
  BC: ['british columbia', 'colombie britannique'],
  YT: ['yukon'],
  NT: ['northwest territories', 'territoires du nord ouest'],
  NU: ['nunavut'],
};
const PROVINCES = new Map<string, string>();
for (const [code, names] of Object.entries(PROVINCE_NAMES)) {
  PROVINCES.set(code.toLowerCase(), code);
  for (const name of names) PROVINCES.set(name, code);
}

/** A province or territory's code from its code or its English or French name. */
export function provinceCode(value: string): string | undefined {
  return PROVINCES.get(fold(value));
}

/** The province a jurisdiction such as `ca_on` belongs to. */
export function provinceOfJurisdiction(jurisdiction: string): string | undefined {
  const m = /^ca_([a-z]{2})(?:_|$)/.exec(jurisdiction);
  return m ? provinceCode(m[1]) : undefined;
}

/**
 * Federal parties as the English and French exports write them. They are stored under one name
 * and shown in the reader's language; any other party is stored and shown as imported.
 */
const PARTIES: Record<string, string[]> = {
  Liberal: ['liberal', 'liberal party of canada', 'parti liberal du canada'],
  Conservative: ['conservative', 'conservateur', 'conservative party of canada', 'parti conservateur du canada'],
  NDP: ['ndp', 'npd', 'new democratic party', 'nouveau parti democratique'],
  'Bloc Québécois': ['bloc quebecois'],
  'Green Party': ['green party', 'green', 'parti vert', 'green party of canada', 'parti vert du canada'],
  Independent: ['independent', 'independant', 'independante'],
};
const PARTY_BY_NAME = new Map<string, string>();
for (const [canonical, names] of Object.entries(PARTIES)) for (const n of names) PARTY_BY_NAME.set(n, canonical);

/** Catalogue keys of the known federal parties (officials:parties.<key>). */
export const PARTY_KEYS: Record<string, string> = {
  Liberal: 'liberal', Conservative: 'conservative', NDP: 'ndp', 'Bloc Québécois': 'bloc', 'Green Party': 'green', Independent: 'independent',
};

export function federalParty(value: string): string {
  return PARTY_BY_NAME.get(fold(value)) ?? value;
}

export interface Riding {
  en: string;
  fr: string;
  province: string;
}

const SGC: Record<string, string> = {
  10: 'NL', 11: 'PE', 12: 'NS', 13: 'NB', 24: 'QC', 35: 'ON', 46: 'MB', 47: 'SK', 48: 'AB', 59: 'BC', 60: 'YT', 61: 'NT', 62: 'NU',
};

let ridings: Map<string, Riding> | undefined;

/**
 * The federal ridings of the 2023 representation order (data/federal-ridings-343-2023.csv, Open
 * North), found by their English or French name folded: gives the other language's name.
 */
export function federalRiding(name: string): Riding | undefined {
  if (!ridings) {
    ridings = new Map();
    const file = path.join(ROOT_DIR, 'data', 'federal-ridings-343-2023.csv');
    const rows: Record<string, string>[] = parse(fs.readFileSync(file), { columns: true, bom: true });
    for (const row of rows) {
      const code = /ed:(\d{2})\d{3}-2023$/.exec(row.id)?.[1];
      const riding = { en: row.name, fr: row.name_fr || row.name, province: SGC[code ?? ''] ?? '' };
      ridings.set(fold(riding.en), riding);
      if (!ridings.has(fold(riding.fr))) ridings.set(fold(riding.fr), riding);
    }
  }
  return ridings.get(fold(name));
}
