import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file download: its type, `Content-Disposition: attachment` with the (ASCII) file name, never cached. */
export function attachment(reply: FastifyReply, type: string, filename: string) {
  return reply.header('content-type', type).header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store');
}
