import { Problem } from '../../services/problem.js';

/** Maps @fastify/multipart's errors to problem details; anything else is passed through unchanged. */
export function multipartProblem(app: { multipartErrors: unknown }, e: unknown): unknown {
  const errors = app.multipartErrors as unknown as Record<string, new (...a: unknown[]) => Error>;
  if (e instanceof errors.RequestFileTooLargeError) return new Problem(413, 'Payload too large', (e as Error).message);
  if (e instanceof errors.FilesLimitError || e instanceof errors.PartsLimitError || e instanceof errors.FieldsLimitError) {
    return new Problem(413, 'Payload too large', 'Send one file per request (evidence takes the field "elementId" beside it).');
  }
  if (e instanceof errors.InvalidMultipartContentTypeError) return new Problem(415, 'Unsupported media type', 'Send the file as multipart/form-data.');
  if (e instanceof Error && /multipart|boundary/i.test(e.message)) return new Problem(400, 'Malformed request', 'The multipart body could not be read.');
  return e;
}
