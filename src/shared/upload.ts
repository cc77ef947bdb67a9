import multer from 'multer';
import type { RequestHandler } from 'express';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

declare module 'express-serve-static-core' {
  interface Request {
    /** Why an uploaded file was not accepted (multer's code, e.g. LIMIT_FILE_SIZE). */
    uploadError?: string;
  }
}

const parser = multer({
  storage: multer.memoryStorage(),
  // Browsers send file names as UTF-8; busboy's default (latin1) would turn "députés.csv" into mojibake.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 50, fieldSize: 64 * 1024 },
}).any();

/**
 * Parses multipart bodies for every route, before the CSRF check, so that uploads carry their token
 * in the form like any other POST. A refused upload does not fail the request: the route that
 * expects a file reads req.uploadError and tells the user in plain words.
 */
export const parseUploads: RequestHandler = (req, res, next) => {
  if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) return next();
  parser(req, res, (err?: unknown) => {
    if (err instanceof multer.MulterError) {
      req.uploadError = err.code;
      return next();
    }
    next(err);
  });
};

export function uploadedFile(req: Parameters<RequestHandler>[0]): Express.Multer.File | undefined {
  return Array.isArray(req.files) ? req.files[0] : undefined;
}
