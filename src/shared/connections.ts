import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import net, { type Socket } from 'node:net';

/** How long a connection with no request in flight is left open while draining, for its next request. */
const IDLE_GRACE_MS = 500;

export interface Connections {
  /** From now on every response says `Connection: close`, those in flight included. */
  closeAfterResponses(): void;
  /** Stops accepting connections; `done` once the last one has closed. */
  stopListening(done: () => void): void;
  /** Closes the connections that have had no request in flight for a moment. */
  closeIdle(): void;
}

/**
 * The server's connections, for a drain that resets no request. Node's server.close() closes every
 * connection without a request in flight at once, including one a client has just opened, or has
 * just sent its next request on, which is then reset. Here a response says `Connection: close`, so
 * the client does not reuse the connection; and a connection is closed only once it has been idle
 * for a moment.
 */
export function trackConnections(server: Server): Connections {
  const sockets = new Map<Socket, { busy: number; idleSince: number }>();
  const inFlight = new Set<ServerResponse>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    sockets.set(socket, { busy: 0, idleSince: Date.now() });
    socket.once('close', () => sockets.delete(socket));
  });
  // Before the app's own listener, which may answer at once (/healthz).
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    const state = sockets.get(req.socket);
    if (state) state.busy++;
    inFlight.add(res);
    res.once('close', () => {
      inFlight.delete(res);
      if (state) [state.busy, state.idleSince] = [state.busy - 1, Date.now()];
    });
  });
  return {
    closeAfterResponses() {
      closing = true;
      for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    },
    stopListening(done) {
      // net.Server's close: stops listening without http.Server's immediate closing of idle connections.
      net.Server.prototype.close.call(server, () => done());
    },
    closeIdle() {
      const now = Date.now();
      for (const [socket, s] of sockets) if (s.busy === 0 && now - s.idleSince >= IDLE_GRACE_MS) socket.destroy();
    },
  };
}
