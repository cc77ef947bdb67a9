import http from 'node:http';
import net from 'node:net';

/** The cookies a browser would keep for one visitor: every Set-Cookie answered so far, by name. */
export class Jar {
  private cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

export const tokenOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

/** A visitor of the tracker at `base`: fetches with its own cookies, never following redirects. */
export class Visitor {
  readonly jar = new Jar();
  token = '';

  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<{ status: number; text: string }> {
    const headers = new Headers(init.headers);
    const cookie = this.jar.header();
    if (cookie) headers.set('cookie', cookie);
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    this.jar.take(res);
    const text = await res.text();
    const token = tokenOf(text);
    if (token) this.token = token;
    return { status: res.status, text };
  }

  /** A urlencoded POST with this visitor's CSRF token (unless the fields carry their own). */
  post(path: string, fields: [string, string][] | Record<string, string>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams(Array.isArray(fields) ? fields : Object.entries(fields));
    if (!body.has('_csrf')) body.set('_csrf', this.token);
    return this.request(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  /** A multipart POST of one file and some fields, as a browser's upload form sends it. */
  upload(path: string, fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
    const form = new FormData();
    form.set('_csrf', this.token);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([new Uint8Array(file.bytes)], { type: 'text/csv' }), file.name);
    return this.request(path, { method: 'POST', body: form });
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.request('/login');
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`Could not sign in as ${email}: ${res.status}`);
    await this.request('/account');
  }
}

/** One raw HTTP request with exactly these headers and body (for what fetch refuses to send). */
export function rawRequest(base: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'ECONNRESET' || (err as NodeJS.ErrnoException).code === 'EPIPE' ? resolve(0) : reject(err)));
    req.end(options.body);
  });
}

/**
 * A client that asks for a page and then never reads the answer: what a slow or malicious reader
 * does to a streamed export. Resolves with the socket once the request is sent; destroy it to end.
 */
export function stalledReader(base: string, path: string, cookie: string): Promise<net.Socket> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nCookie: ${cookie}\r\n\r\n`);
      socket.pause();
      resolve(socket);
    });
    socket.on('error', () => undefined); // the server may cut it off: that is the point
    socket.once('error', reject);
  });
}
