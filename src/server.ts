import type { Server } from 'node:http';
import { loadConfig, ConfigError, type Config } from './config';
import { openDatabase, migrateLatest, DatabaseLockedError, Database } from './db';
import { createLogger, type Logger } from './shared/logger';
import { startMaintenance } from './auth/maintenance';
import { withSessionSecret } from './auth/session-secret';
import { trackConnections, type Connections } from './shared/connections';

/** Starts the tracker: config → database (migrated) → app → listen; stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = withSessionSecret(loadConfig());
  const logger = createLogger(config.logLevel);
  // The embedded database reads and compiles its WebAssembly while the app's modules load.
  const opening = openDatabase(config);
  opening.catch(() => undefined); // its failure is handled below, once awaited
  const { createApp } = await import('./app');
  const database = await opening;
  const applied = await migrateLatest(database.knex);
  if (applied.length) logger.info({ migrations: applied }, `applied ${applied.length} migration(s)`);
  let stopping = false;
  const app = createApp({ db: database.knex, config, logger, ready: database.ready, stopping: () => stopping });

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
  const connections = trackConnections(server);

  const stopMaintenance = startMaintenance(database.knex, logger);
  // A dead embedded engine (a PANIC: a full disk) serves nothing more: say so once, let the error
  // pages in flight go out, and exit for a supervisor to restart the tracker (its files recover then).
  void database.fatal?.then((err) => {
    logger.fatal({ code: err.code }, `${err.message}; exiting`);
    setTimeout(() => process.exit(1), 1000);
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    connections.closeAfterResponses();
    stopMaintenance();
    void shutDown(server, connections, database, config, logger, signal);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * SHUTDOWN_DELAY_MS of serving as usual while /readyz answers 503 (a load balancer stops sending),
 * every response saying `Connection: close`; then no new connections, and the requests in flight
 * finish. At SHUTDOWN_TIMEOUT_MS after that, the connections still open are closed and the
 * database sessions still in use ended (a statement cancelled, a transaction rolled back), so that
 * no write commits after its client was cut off, and the process exits 1.
 */
async function shutDown(server: Server, connections: Connections, database: Database, config: Config, logger: Logger, signal: string): Promise<void> {
  logger.info({ signal, delayMs: config.shutdownDelayMs }, 'shutting down: /readyz answers 503, then finishing requests in flight');
  if (config.shutdownDelayMs > 0) await new Promise((r) => setTimeout(r, config.shutdownDelayMs));
  logger.info('draining: no new connections; finishing requests in flight');
  let deadlinePassed = false;
  const exit = (code: number) => process.exit(code);
  setTimeout(() => {
    deadlinePassed = true;
    logger.warn('requests still running after the shutdown timeout; closing them and ending their database sessions');
    server.closeAllConnections();
    const ended = database.terminateInUse?.().catch((err) => logger.error({ err }, 'could not end the database sessions in use'));
    // The pool lets go once those sessions have ended; it is given a moment, not more.
    const grace = new Promise((r) => setTimeout(r, 2000));
    void Promise.race([Promise.resolve(ended).then(() => database.close()), grace]).catch(() => undefined).finally(() => exit(1));
  }, config.shutdownTimeoutMs);
  // A kept-alive connection idle after its last response is closed (a moment later, in case its
  // client is sending on it), or an idle browser would hold the process until the deadline.
  const closeIdle = setInterval(() => connections.closeIdle(), 100);
  connections.stopListening(() => {
    clearInterval(closeIdle);
    if (deadlinePassed) return; // the deadline's path exits
    database.close()
      .then(() => { if (!deadlinePassed) { logger.info('stopped'); exit(0); } })
      .catch((err) => { logger.error({ err }, 'database did not close cleanly'); exit(1); });
  });
}

main().catch((err) => {
  if (err instanceof ConfigError || err instanceof DatabaseLockedError) console.error(err.message);
  else console.error('The tracker could not start:', err);
  process.exit(1);
});
