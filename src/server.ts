import type { Server } from 'node:http';
import { loadConfig, ConfigError } from './config';
import { openDatabase, migrateLatest, DatabaseLockedError, Database } from './db';
import { createLogger } from './shared/logger';
import { startMaintenance } from './auth/maintenance';

/** Starts the tracker: config → database (migrated) → app → listen; stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // The embedded database reads and compiles its WebAssembly while the app's modules load.
  const opening = openDatabase(config);
  opening.catch(() => undefined); // its failure is handled below, once awaited
  const { createApp } = await import('./app');
  const database = await opening;
  const applied = await migrateLatest(database.knex);
  if (applied.length) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  const app = createApp({ db: database.knex, config, logger });

  const server = app.listen(config.port, config.host, (err?: Error) => {
    if (err) {
      const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
      console.error(inUse ? `Port ${config.port} is in use: stop what uses it, or set PORT to another port.` : err.message);
      void database.close().finally(() => process.exit(1));
      return;
    }
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    logger.info({ port, database: database.kind }, `MP Meeting Tracker listening on http://${host}:${port} using ${database.description}`);
  });
  server.keepAliveTimeout = 65_000; // longer than common load balancers' idle timeout

  const stopMaintenance = startMaintenance(database.knex, logger);
  installShutdown(server, database, config.shutdownTimeoutMs, logger, stopMaintenance);
  // A dead embedded engine (a PANIC: a full disk) serves nothing more: say so once, let the error
  // pages in flight go out, and exit for a supervisor to restart the tracker (its files recover then).
  void database.fatal?.then((err) => {
    logger.fatal({ code: err.code }, `${err.message}; exiting`);
    setTimeout(() => process.exit(1), 1000);
  });
}

/** Finishes the requests in flight, refuses new ones, closes the database, exits 0. */
function installShutdown(server: Server, database: Database, timeoutMs: number, logger: ReturnType<typeof createLogger>, stopMaintenance: () => void) {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopMaintenance();
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn('requests still running after the shutdown timeout; closing them');
      server.closeAllConnections();
    }, timeoutMs);
    force.unref();
    // A kept-alive connection becomes idle once its last response is sent; close it then, or an idle
    // browser would hold the process until the shutdown timeout.
    const closeIdle = setInterval(() => server.closeIdleConnections(), 100);
    closeIdle.unref();
    server.close(() => {
      clearInterval(closeIdle);
      database.close()
        .then(() => { logger.info('stopped'); process.exit(0); })
        .catch((err) => { logger.error({ err }, 'database did not close cleanly'); process.exit(1); });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError) console.error(err.message);
  else console.error('The tracker could not start:', err);
  process.exit(1);
});
