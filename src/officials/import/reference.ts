import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT_DIR } from '../../config';
import { fold } from '../../shared/fold';
import { FEDERAL_PARTIES } from '../../vocab/parties';
import type { Province } from '../../vocab/vocab';

/** Provinces and territories by code, English name and French name (folded). */
const PROVINCE_NAMES: Record<Province, string[]> = {
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
 * Federal parties are stored under one name (src/vocab/parties.ts) whichever export's spelling the
 * file uses, and shown in the reader's language; any other party is stored and shown as imported.
 */
const PARTY_BY_NAME = new Map<string, string>();
for (const party of FEDERAL_PARTIES) for (const n of party.names) PARTY_BY_NAME.set(n, party.stored);

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
 * The federal ridings of both representation orders in force since 2015 (Open North's lists in
 * data/: the 2023 map for exports since the 2025 election, the 2013 map for those before), found by
 * their English or French name folded: gives the other language's name and the province. The 2023
 * map is read first, so a name both maps share gives its current spelling.
 */
export function federalRiding(name: string): Riding | undefined {
  if (!ridings) {
    ridings = new Map();
    for (const [file, year] of [['federal-ridings-343-2023.csv', '2023'], ['federal-ridings-338-2013.csv', '2013']]) {
      const rows: Record<string, string>[] = parse(fs.readFileSync(path.join(ROOT_DIR, 'data', file)), { columns: true, bom: true });
      for (const row of rows) {
        const code = new RegExp(`ed:(\\d{2})\\d{3}-${year}$`).exec(row.id)?.[1];
        const riding = { en: row.name, fr: row.name_fr || row.name, province: SGC[code ?? ''] ?? '' };
        if (!ridings.has(fold(riding.en))) ridings.set(fold(riding.en), riding);
        if (!ridings.has(fold(riding.fr))) ridings.set(fold(riding.fr), riding);
      }
    }
  }
  return ridings.get(fold(name));
}

/** The first letter of a postal code names its province (X: Nunavut for X0A–X0C, else the NWT). */
const POSTAL: Record<string, string> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};

/**
 * The province an office address names: the code or name before its postal code ("Ottawa ON
 * K1A 0A6"), else the postal code's first letter. Scans a bounded address once, no backtracking.
 */
export function provinceOfAddress(address: string): string | undefined {
  const text = address.slice(0, 1000);
  const m = /(?:^|[\s,])([A-Za-z][0-9][A-Za-z])[\s\u00a0-]?([0-9][A-Za-z][0-9])(?![A-Za-z0-9])/.exec(text);
  if (!m) return undefined;
  const before = text.slice(0, m.index).split(/[\s,]+/).filter(Boolean);
  for (const n of [1, 2, 3, 4]) {
    const code = before.length >= n ? provinceCode(before.slice(-n).join(' ')) : undefined;
    if (code) return code;
  }
  const letter = m[1][0].toUpperCase();
  if (letter === 'X') return /^X0[ABC]$/i.test(m[1]) ? 'NU' : 'NT';
  return POSTAL[letter];
}
