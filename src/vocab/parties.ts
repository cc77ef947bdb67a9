/**
 * Party names stay free text: an import stores every provincial and municipal party as its list
 * spells it. The parties below are the ones the tracker can name in both languages (their labels:
 * `vocab:party.<key>`); any other is shown as stored.
 */

/**
 * The federal parties, under the one name a House of Commons import stores (the English export's),
 * with the spellings the English and French exports use for them (folded: see nameKey).
 */
export const FEDERAL_PARTIES = [
  { key: 'liberal', stored: 'Liberal', names: ['liberal', 'liberal party of canada', 'parti liberal du canada'] },
  { key: 'conservative', stored: 'Conservative', names: ['conservative', 'conservateur', 'conservative party of canada', 'parti conservateur du canada'] },
  { key: 'ndp', stored: 'NDP', names: ['ndp', 'npd', 'new democratic party', 'nouveau parti democratique'] },
  { key: 'bloc', stored: 'Bloc Québécois', names: ['bloc quebecois'] },
  { key: 'green', stored: 'Green Party', names: ['green party', 'green', 'parti vert', 'green party of canada', 'parti vert du canada'] },
  { key: 'independent', stored: 'Independent', names: ['independent', 'independant', 'independante'] },
] as const;

/** Senate groups and the main provincial and territorial parties, by the spellings their lists use (folded). */
const OTHER_PARTIES: Record<string, readonly string[]> = {
  non_affiliated: ['non affiliated', 'non affilie', 'non affiliee'],
  senators_isg: ['independent senators group', 'groupe des senateurs independants'],
  senators_csg: ['canadian senators group', 'groupe des senateurs canadiens'],
  senators_psg: ['progressive senate group', 'groupe progressiste du senat'],
  pc: ['progressive conservative', 'progressiste conservateur'],
  on_pc: ['progressive conservative party of ontario', 'ontario progressive conservative party', 'ontario pc party', 'pc party of ontario', 'parti progressiste conservateur de lontario'],
  on_ndp: ['ontario new democratic party', 'new democratic party of ontario', 'ontario ndp', 'nouveau parti democratique de lontario', 'npd de lontario'],
  on_liberal: ['ontario liberal party', 'liberal party of ontario', 'parti liberal de lontario'],
  on_green: ['green party of ontario', 'ontario green party', 'parti vert de lontario'],
  qc_caq: ['coalition avenir quebec', 'caq'],
  qc_liberal: ['parti liberal du quebec', 'quebec liberal party', 'plq'],
  qc_pq: ['parti quebecois', 'pq'],
  qc_qs: ['quebec solidaire'],
  qc_conservative: ['parti conservateur du quebec', 'conservative party of quebec'],
  bc_ndp: ['bc ndp', 'bc new democratic party', 'british columbia new democratic party', 'new democratic party of british columbia'],
  bc_conservative: ['conservative party of british columbia', 'conservative party of bc', 'bc conservative party', 'bc conservatives'],
  bc_green: ['bc green party', 'bc greens', 'green party of british columbia'],
  bc_united: ['bc united', 'bc liberal party', 'british columbia liberal party'],
  ab_ucp: ['united conservative party', 'united conservative party of alberta', 'ucp'],
  ab_ndp: ['alberta new democratic party', 'alberta ndp', 'new democratic party of alberta'],
  sk_party: ['saskatchewan party'],
  sk_ndp: ['saskatchewan new democratic party', 'saskatchewan ndp', 'new democratic party of saskatchewan'],
  mb_ndp: ['manitoba new democratic party', 'new democratic party of manitoba', 'manitoba ndp'],
  mb_pc: ['progressive conservative party of manitoba', 'manitoba progressive conservative party', 'manitoba pc party'],
  mb_liberal: ['manitoba liberal party', 'liberal party of manitoba'],
  nb_liberal: ['new brunswick liberal association', 'new brunswick liberal party', 'liberal party of new brunswick', 'parti liberal du nouveau brunswick'],
  nb_pc: ['progressive conservative party of new brunswick', 'parti progressiste conservateur du nouveau brunswick'],
  nb_green: ['green party of new brunswick', 'parti vert du nouveau brunswick'],
  ns_pc: ['progressive conservative association of nova scotia', 'progressive conservative party of nova scotia', 'nova scotia pc party'],
  ns_liberal: ['nova scotia liberal party', 'liberal party of nova scotia'],
  ns_ndp: ['nova scotia new democratic party', 'nova scotia ndp', 'new democratic party of nova scotia'],
  pe_pc: ['progressive conservative party of prince edward island'],
  pe_liberal: ['liberal party of prince edward island'],
  pe_green: ['green party of prince edward island'],
  nl_liberal: ['liberal party of newfoundland and labrador'],
  nl_pc: ['progressive conservative party of newfoundland and labrador'],
  nl_ndp: ['newfoundland and labrador new democratic party', 'nl ndp'],
  yt_party: ['yukon party'],
  yt_liberal: ['yukon liberal party', 'liberal party of yukon'],
  yt_ndp: ['yukon new democratic party', 'yukon ndp'],
};

/** Every party the tracker can name, by its catalogue key. */
export const PARTY_KEYS: readonly string[] = [...FEDERAL_PARTIES.map((p) => p.key), ...Object.keys(OTHER_PARTIES)];

/**
 * A name folded for matching: case, accents and apostrophes dropped, any other punctuation a space.
 * The same folding as src/shared/fold for every spelling above; written here because this folder
 * sits below src/shared, which imports it.
 */
export function nameKey(name: string): string {
  return name.slice(0, 200).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´']/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

const KEY_BY_NAME = new Map<string, string>();
for (const p of FEDERAL_PARTIES) for (const n of p.names) KEY_BY_NAME.set(n, p.key);
for (const [key, names] of Object.entries(OTHER_PARTIES)) for (const n of names) KEY_BY_NAME.set(n, key);

/** The catalogue key of a party as stored or as a list spells it, or undefined for a party the tracker does not know. */
export function partyKey(name: string | null | undefined): string | undefined {
  return name ? KEY_BY_NAME.get(nameKey(name)) : undefined;
}
