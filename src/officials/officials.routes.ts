import { Router } from 'express';
import type { Db } from '../db';
import { paginate } from '../shared/pagination';
import { bodyNameLocals } from './jurisdictions';
import { officialLabels } from './labels';
import { countOfficials, directoryIsEmpty, listOfficials, partiesInUse } from './officials.repo';
import { directoryParams, parseDirectoryQuery, SORTS } from './officials.validate';
import { officialPage } from './official-page.service';
import { listVacancies } from './vacancies.repo';
import { found, paramId, signedInUser } from '../shared/params';
import { rememberList } from '../shared/nav';
import { directoryTags } from './directory-tags';

/** The directory every signed-in user searches (mounted at /officials, after the import pages). */
export function officialsRouter(db: Db): Router {
  const router = Router();
  router.use(bodyNameLocals);

  router.get('/', async (req, res) => {
    const filters = parseDirectoryQuery(req.query);
    const pageInfo = paginate(req.query.page, await countOfficials(db, filters));
    const [officials, parties, vacancies] = await Promise.all([
      listOfficials(db, filters, req.lang, pageInfo.offset, pageInfo.limit),
      partiesInUse(db),
      listVacancies(db),
    ]);
    rememberList(req, res, 'officials');
    res.render('officials/index', {
      officials, parties, tags: directoryTags(req.t, req.lang, filters), vacancies: vacancies.filter((v) => !filters.level || v.level === filters.level), filters, pageInfo, params: directoryParams(filters),
      sorts: SORTS, label: officialLabels(req.lang),
      offerBundled: pageInfo.total === 0 && !filters.q && !filters.level && !filters.province && !filters.party && filters.status === 'sitting' && await directoryIsEmpty(db),
    });
  });

  router.get('/:id', async (req, res) => {
    const page = found(await officialPage(db, signedInUser(req), paramId(req.params.id)));
    res.render('officials/show', { ...page, label: officialLabels(req.lang) });
  });

  return router;
}
