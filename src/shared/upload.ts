import multer from 'multer';
import type { Request, RequestHandler } from 'express';
import { HttpError } from './errors';
import { csrfProtection } from './csrf';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

declare module 'express-serve-static-core' {
  interface Request {
    /** Why an uploaded file was not accepted (multer's code, e.g. LIMIT_FILE_SIZE). */
    uploadError?: string;
    /** A multipart body bound for a route that takes a file: left unread until that route parses it. */
    uploadPending?: boolean;
  }
}

const parser = multer({
  storage: multer.memoryStorage(),
  // Browsers send file names as UTF-8; busboy's default (latin1) would turn "députés.csv" into mojibake.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, fieldSize: 64 * 1024 },
}).any();

const isMultipart = (req: Request) => /^multipart\//i.test(req.headers['content-type'] ?? '');

/**
 * A multipart body costs memory to parse (a file is read whole), so only the routes that take a
 * file accept one, and only as a POST to exactly their path; every other one is answered 415 before
 * a byte of it is read, and the connection is closed rather than drained. Mounted first of all.
 */
export function multipartOnlyAt(paths: readonly string[]): RequestHandler {
  const allowed = new Set(paths);
  return (req, res, next) => {
    if (!isMultipart(req)) return next();
    if (req.method === 'POST' && allowed.has(req.path)) {
      req.uploadPending = true;
      return next();
    }
    res.set('Connection', 'close');
    next(new HttpError(415, 'shared:errors.noUploadHere'));
  };
}

/**
 * The app-wide CSRF check, except for a multipart body bound for an upload route: its token is in
 * the body, which is read only once that route has checked the role (see uploadForm).
 */
export const csrfUnlessUploadPending: RequestHandler = (req, res, next) =>
  req.uploadPending ? next() : csrfProtection(req, res, next);

const parseUploads: RequestHandler = (req, res, next) => {
  if (!req.uploadPending) return next();
  parser(req, res, (err?: unknown) => {
    // A refused upload does not fail the request: the route tells the user in plain words.
    if (err instanceof multer.MulterError) {
      req.uploadError = err.code;
      return next();
    }
    next(err);
  });
};

/**
 * For a route that takes a file, after its role check: parse the body, then check the form's CSRF
 * token, which travels in that body like any form's. The two go together so that one is never
 * mounted without the other.
 */
export const uploadForm: RequestHandler[] = [parseUploads, csrfProtection];

export function uploadedFile(req: Parameters<RequestHandler>[0]): Express.Multer.File | undefined {
  return Array.isArray(req.files) ? req.files[0] : undefined;
}
