import http from 'node:http';
import express from 'express';
import ejs from 'ejs';
import pg from 'pg';

/**
 * The two ceilings a page is compared with, on the same machine and database: an Express route that
 * does one by-id SELECT with pg and renders a tiny template, and a plain Node "hello".
 * Run as a child process: `tsx test/bench/ceilings.ts DATABASE_URL BYID_PORT HELLO_PORT`.
 */
const [databaseUrl, byIdPort, helloPort] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const template = ejs.compile('<!doctype html><title><%= name %></title><h1><%= name %></h1><p><%= constituency %></p>');

const app = express();
app.disable('x-powered-by');
app.get('/officials/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT first_name || \' \' || last_name AS name, constituency FROM officials WHERE id = $1', [Number(req.params.id)]);
  if (!rows[0]) return res.status(404).end();
  res.send(template(rows[0]));
});
app.listen(Number(byIdPort), '127.0.0.1', () => {
  http.createServer((_req, res) => res.end('hello')).listen(Number(helloPort), '127.0.0.1', () => console.log('ceilings ready'));
});
