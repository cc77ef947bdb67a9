import { Router } from 'express';
import type { Db } from '../db';
import { NotFoundError } from '../shared/errors';
import { paginate } from '../shared/pagination';
import { id } from '../shared/validation';
import { LEVELS } from './import/rows';
import { jurisdictionName, withBodyNames } from './jurisdictions';
import { officialLabels } from './labels';
import { countOfficials, listOfficials, partiesInUse } from './officials.repo';
import { directoryParams, parseDirectoryQuery, PROVINCE_CODES, SORTS } from './officials.validate';
import { importsRouter } from './imports.routes';
import { officialPage } from './official-page.service';
import { listVacancies } from './vacancies.repo';

/** The directory every signed-in user searches, and (first) the import pages for coordinators. */
export function officialsRouter(db: Db): Router {
  const router = Router();
  // Views name a jurisdiction by its body ("Legislative Assembly of Ontario"), never by its id.
  router.use('/officials', (req, res, next) => {
    res.locals.bodyName = (level: string, jurisdiction: string) => jurisdictionName(req.t, level, jurisdiction);
    res.locals.bodyParams = (params?: Record<string, string | number>) => withBodyNames(req.t, params);
    next();
  });
  router.use('/officials/imports', importsRouter(db));

  router.get('/officials', async (req, res) => {
    const filters = parseDirectoryQuery(req.query);
    const pageInfo = paginate(req.query.page, await countOfficials(db, filters));
    const [officials, parties, vacancies] = await Promise.all([
      listOfficials(db, filters, req.lang, pageInfo.offset, pageInfo.limit),
      partiesInUse(db),
      listVacancies(db),
    ]);
    res.render('officials/index', {
      officials, parties, vacancies: vacancies.filter((v) => !filters.level || v.level === filters.level), filters, pageInfo, params: directoryParams(filters),
      levels: LEVELS, provinces: PROVINCE_CODES, sorts: SORTS, label: officialLabels(req.t, req.lang),
    });
  });

  router.get('/officials/:id', async (req, res) => {
    const officialId = id(req.params.id);
    const page = officialId && (await officialPage(db, req.user!, officialId));
    if (!page) throw new NotFoundError();
    res.render('officials/show', { ...page, label: officialLabels(req.t, req.lang) });
  });

  return router;
}
