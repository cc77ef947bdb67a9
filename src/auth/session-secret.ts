import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config, EnvironmentConfig } from '../config';

/**
 * The configuration with a session secret: SESSION_SECRET when set (production requires it), else
 * one generated once and kept under the data folder, so that development sessions survive restarts.
 * The server calls this at start; loading the configuration itself writes nothing.
 */
export function withSessionSecret(config: EnvironmentConfig): Config {
  return { ...config, sessionSecret: config.sessionSecret ?? developmentSecret(config.dataDir) };
}

function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
