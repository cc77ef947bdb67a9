import passport, { PassportStatic } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { Request } from 'express';
import type { Knex } from 'knex';
import { signIn } from './users.service';
import { findUserById } from './users.repo';
import { userReadWithSession } from './session-store';
import { createThrottle } from './throttle';

/**
 * One Passport per app, so that two apps in one process (tests, two instances) never share state.
 * The session holds only the user's id; the user is read again on every request (along with the
 * session itself, see session-store.ts) so that a deactivation or a password change takes effect at once.
 */
export function createPassport(db: Knex): PassportStatic {
  const instance = new passport.Passport() as PassportStatic;
  const throttle = createThrottle(db);
  instance.use(
    new LocalStrategy({ usernameField: 'email', passwordField: 'password', passReqToCallback: true }, (req, email, password, done) => {
      signIn(db, throttle, email, password, req.ip ?? 'unknown')
        .then((result) => {
          if (result.ok) return done(null, result.user);
          done(null, false, { message: result.reason, ...(result.reason === 'throttled' ? { retryAfterSeconds: result.retryAfterSeconds } : {}) });
        })
        .catch(done);
    }),
  );
  instance.serializeUser((user, done) => done(null, user.id));
  instance.deserializeUser((req: Request, id: number, done: (err: unknown, user?: Express.User | false) => void) => {
    const readAlong = userReadWithSession(req.session);
    (readAlong?.id === id ? Promise.resolve(readAlong) : findUserById(db, id))
      .then((user) => {
        const signedInAt = req.session.authenticatedAt ?? 0;
        const stillValid = user && user.active && signedInAt >= new Date(user.sessions_valid_after).getTime();
        done(null, stillValid ? user : false);
      })
      .catch(done);
  });
  return instance;
}
