import { z } from 'zod';
import type { Db } from '../src/db';
import { allRows, firstRow, Id } from '../src/db/rows';
import type { SeedContext } from './context';
import { saveCampaign } from '../src/campaigns/campaigns.service';
import { addTargets, changeClaim } from '../src/campaigns/targets.service';
import { addDays } from '../src/dashboard/periods';
import { today } from '../src/shared/validation';
import { demoUser } from './demo-users';

export const DEMO_CAMPAIGN = 'Fund community services';

/** A sitting official's id and riding; a local's id and name. */
export const Riding = z.object({ id: z.number(), constituency: z.string() });
export const Named = z.object({ id: z.number(), name: z.string() });

/** Ridings a local has said it will meet (constituency → local); some are met in 05_meetings, some not yet. */
const CLAIMS: Record<string, string> = {
  'Toronto Centre': 'Local 79 Toronto',
  'Spadina—Harbourfront': 'Local 79 Toronto',
  'Taiaiako\'n—Parkdale—High Park': 'Local 79 Toronto',
  'Davenport': 'Local 79 Toronto',
  'Laurier—Sainte-Marie': 'Section locale 301 Montréal',
  'Outremont': 'Section locale 301 Montréal',
  'Rosemont—La Petite-Patrie': 'Section locale 301 Montréal',
  'Vancouver East': 'Local 873 Vancouver',
  'Vancouver Centre': 'Local 873 Vancouver',
  'Halifax': 'Local 2204 Halifax',
  'Winnipeg Centre': 'Local 500 Winnipeg',
  'Edmonton Strathcona': 'Local 1158 Edmonton',
};

/**
 * The default campaign, dated around today so that the dashboard's weeks and pace mean something,
 * with its asks, every sitting federal MP as a target, and a few locals' claims.
 */
export async function seed(db: Db, ctx: SeedContext): Promise<void> {
  if (await firstRow(Id, db('campaigns').where({ name: DEMO_CAMPAIGN }).first('id'), 'the demo campaign')) return;
  const coordinator = await demoUser(db, 'coordinator');
  const start = addDays(today(), -7 * 12);
  const end = addDays(today(), 7 * 14);
  const saved = await saveCampaign(db, coordinator.id, null, {
    name: DEMO_CAMPAIGN,
    name_fr: 'Financer les services communautaires',
    ask: 'Targeted, stable funding for community services, so that the people who provide them are paid fairly and the services stay open.',
    ask_fr: 'Un financement ciblé et stable des services communautaires, pour que les personnes qui les offrent soient payées équitablement et que les services restent ouverts.',
    asks: [
      ['Targeted, stable funding for community services', 'Un financement ciblé et stable des services communautaires'],
      ['A national wage standard for community service workers', 'Une norme salariale nationale pour les travailleuses et travailleurs des services communautaires'],
      ['Multi-year funding agreements instead of yearly grants', 'Des ententes de financement pluriannuelles plutôt que des subventions annuelles'],
    ].map(([text, text_fr]) => ({ id: null, text, text_fr })),
    starts_on: start, ends_on: end, goal: 'Meet every sitting MP before the budget', goal_fr: 'Rencontrer chaque député en poste avant le budget',
    goal_date: end, active: true, is_default: true,
  });
  if (!saved.ok) throw new Error(`Could not create the demo campaign: ${JSON.stringify(saved.errors)}`);
  const targets = await addTargets(db, coordinator.id, saved.id, { by: 'filter', filter: { level: 'federal' } });
  const claimed = await allRows(Riding, db('officials as o').join('campaign_targets as t', 't.official_id', 'o.id').where('t.campaign_id', saved.id)
    .whereIn('o.constituency', Object.keys(CLAIMS)).whereNull('o.end_date').select('o.id', 'o.constituency'), 'the claimed targets');
  const locals = new Map((await allRows(Named, db('locals').select('id', 'name'), 'the locals')).map((l) => [l.name, l.id]));
  for (const official of claimed) {
    await changeClaim(db, coordinator, saved.id, official.id, locals.get(CLAIMS[official.constituency]) ?? null);
  }
  ctx.added(1 + targets);
  ctx.say(`Campaign “${DEMO_CAMPAIGN}” (the default), ${targets} MPs as targets, ${claimed.length} claimed by locals`);
}
