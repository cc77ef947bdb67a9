import express, { Express } from 'express';
import helmet from 'helmet';
import type { Knex } from 'knex';
import type { Config } from './config';
import { createLogger, Logger } from './shared/logger';
import { sessionMiddleware, absoluteLimit, touchSession, saveBeforeRedirect, logLateSessionErrors } from './shared/session';
import { parseUploads } from './shared/upload';
import { csrfProtection } from './shared/csrf';
import { flashMessages } from './shared/flash';
import { viewLocals, noStoreWhenSignedIn } from './shared/locals';
import { requireSignedIn } from './shared/auth-guards';
import { errorHandler, notFound } from './shared/error-handler';
import { staticAssets } from './shared/static';
import { renderView, VIEWS_DIR } from './shared/views';
import { createPassport } from './auth/passport';
import { authRouter } from './auth/auth.routes';
import { firstRun } from './auth/first-run';
import { accountRouter } from './auth/account.routes';
import { homeRouter } from './home/home.routes';
import { adminRouter } from './admin/admin.routes';
import { officialsRouter } from './officials/officials.routes';
import { campaignsRouter } from './campaigns/campaigns.routes';
import { dashboardRouter } from './dashboard/dashboard.routes';
import { reportsRouter } from './reports/reports.routes';
import { meetingsRouter } from './meetings/meetings.routes';

export interface AppDeps {
  db: Knex;
  config: Config;
  logger?: Logger;
}

/** Builds the application. No side effects: nothing listens and nothing is read until a request. */
export function createApp({ db, config, logger = createLogger(config.logLevel) }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);
  app.set('view engine', 'ejs');
  app.set('views', VIEWS_DIR);
  if (config.env === 'production') app.enable('view cache');
  app.engine('ejs', (file, data, done) => { renderView(file, data, app.enabled('view cache')).then((html) => done(null, html), done); });

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
  app.use('/static', staticAssets());

  app.get('/healthz', (_req, res) => { res.type('text').send('ok'); });
  app.get('/readyz', async (_req, res) => {
    try {
      await db.raw('select 1');
      res.type('text').send('ready');
    } catch {
      res.status(503).type('text').send('database unavailable');
    }
  });

  app.use(express.urlencoded({ extended: true, limit: '256kb', parameterLimit: 2000 }));
  app.use(parseUploads);
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
  app.use(requireSignedIn);
  app.use(csrfProtection);
  app.use(homeRouter(db));
  app.use(accountRouter(db));
  app.use('/admin', adminRouter(db));
  app.use(officialsRouter(db));
  app.use(campaignsRouter(db));
  app.use(dashboardRouter(db));
  app.use('/reports', reportsRouter(db));
  app.use(meetingsRouter(db));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
