import express, { Express } from 'express';
import helmet from 'helmet';
import compression from 'compression';
import type { Knex } from 'knex';
import type { Config } from './config';
import { createLogger, Logger } from './shared/logger';
import { sessionMiddleware, absoluteLimit, touchSession, saveBeforeRedirect, logLateSessionErrors } from './auth/session';
import { csrfUnlessUploadPending, multipartOnlyAt } from './shared/upload';
import { flashMessages } from './shared/flash';
import { viewLocals, noStoreWhenSignedIn } from './shared/locals';
import { requireSignedIn } from './shared/auth-guards';
import { errorHandler, notFound } from './shared/error-handler';
import { refuseUnreadableQuery } from './shared/readable-input';
import { turnBudget } from './shared/turn-budget';
import { staticAssets } from './shared/static';
import { readinessCheck } from './db/readiness';
import { renderView, VIEWS_DIR } from './shared/views';
import { createPassport } from './auth/passport';
import { authRouter } from './auth/auth.routes';
import { firstRun } from './auth/first-run';
import { accountRouter } from './auth/account.routes';
import { homeRouter } from './home/home.routes';
import { adminRouter } from './admin/admin.routes';
import { officialsRouter } from './officials/officials.routes';
import { importsRouter, IMPORT_UPLOAD_PATH } from './officials/imports.routes';
import { campaignsRouter } from './campaigns/campaigns.routes';
import { targetsRouter } from './campaigns/targets.routes';
import { dashboardRouter } from './dashboard/dashboard.routes';
import { reportsRouter } from './reports/reports.routes';
import { busyGate, ExportSlots } from './reports/export-slots';
import { meetingsRouter } from './meetings/meetings.routes';
import { meetingFormRouter } from './meetings/meeting-form.routes';
import { followUpsRouter } from './meetings/follow-ups.routes';

export interface AppDeps {
  db: Knex;
  config: Config;
  logger?: Logger;
  /** For /readyz (Database.ready); by default, a query on the pool that answers within a second. */
  ready?: () => Promise<boolean>;
  /** True once the process is shutting down: /readyz answers 503 so that a load balancer stops sending. */
  stopping?: () => boolean;
}

/**
 * Pages, CSS and scripts are compressed (brotli or gzip, as the browser accepts): a member's page
 * on a slow phone connection is a quarter of its size. CSV exports are not: they stream under their
 * own flow control (a reader that stops reading is cut off), which a compressor's buffer would hide.
 */
function compressible(req: express.Request, res: express.Response): boolean {
  const type = String(res.getHeader('Content-Type') ?? '');
  return !type.startsWith('text/csv') && compression.filter(req, res);
}

/** Builds the application. No side effects: nothing listens and nothing is read until a request. */
export function createApp({ db, config, logger = createLogger(config.logLevel), ready = readinessCheck(() => db.raw('SELECT 1'), { timeoutMs: 1000, whenSlow: 'unready' }), stopping = () => false }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  if (config.env === 'production') app.enable('view cache');
  app.engine('ejs', (file, data, done) => { renderView(file, data, app.enabled('view cache')).then((html) => done(null, html), done); });

  app.use(turnBudget());
  const compress = compression({ filter: compressible });
  // A client that accepts no encoding gets nothing from the compressor but its cost on every response.
  app.use((req, res, next) => (req.headers['accept-encoding'] ? compress(req, res, next) : next()));
  app.use(helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"], connectSrc: ["'self'"], formAction: ["'self'"], frameAncestors: ["'none'"],
        objectSrc: ["'none'"], baseUri: ["'self'"],
        ...(config.env === 'production' ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: config.env === 'production',
  }));
  app.use(refuseUnreadableQuery);
  const assets = staticAssets(config.env === 'production');
  app.locals.asset = assets.url;
  app.use('/static', assets.router);

  app.get('/healthz', (_req, res) => { res.type('text').send('ok'); });
  app.get('/readyz', async (_req, res) => {
    res.set('Cache-Control', 'no-store').type('text');
    if (stopping()) return void res.status(503).send('shutting down');
    if (await ready()) res.send('ready');
    else res.status(503).send('database unavailable');
  });

  const exportSlots = ExportSlots.for(db, config);
  app.use('/reports', busyGate(exportSlots));

  app.use(multipartOnlyAt([IMPORT_UPLOAD_PATH]));
  app.use(express.urlencoded({ extended: true, limit: '256kb', parameterLimit: 2000 }));
  app.use(logLateSessionErrors(sessionMiddleware(db, config), logger));
  app.use(saveBeforeRedirect(logger));
  const passport = createPassport(db);
  app.use(passport.initialize());
  app.use(passport.session());
  app.use(absoluteLimit);
  app.use(touchSession);
  app.use(viewLocals);
  app.use(noStoreWhenSignedIn);
  app.use(flashMessages);

  const setup = firstRun(db);
  app.use(setup.guard);
  app.use(authRouter(db, passport, setup, config.sessionSecret));

  // Deny by default: everything below needs a signed-in user and a valid CSRF token to change state.
  app.use(requireSignedIn(config.sessionSecret));
  app.use(csrfUnlessUploadPending);
  app.use(homeRouter(db));
  app.use(accountRouter(db));
  app.use('/admin', adminRouter(db));
  // The URL map. A fixed path must come before a router whose `/:id` would take it
  // (/officials/imports before /officials/:id, /meetings/new before /meetings/:id).
  app.use('/officials/imports', importsRouter(db));
  app.use('/officials', officialsRouter(db));
  app.use('/campaigns', campaignsRouter(db));
  app.use('/campaigns', targetsRouter(db));
  app.use('/dashboard', dashboardRouter(db));
  app.use('/reports', reportsRouter(db, exportSlots, config.exportStallTimeoutMs));
  app.use('/meetings', meetingFormRouter(db));
  app.use('/meetings', meetingsRouter(db));
  app.use('/follow-ups', followUpsRouter(db));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
