/**
 * `POST /v1/mif`: a plan sends its Member Information File (CSV or pipe-delimited). The file is
 * read once here, so one that cannot be read at all, or lacks a required column, is refused whole
 * (400, naming the columns, never a value); otherwise it is kept in the care record by content
 * hash and its import workflow starts. Rows are then independent: each one's outcome is in the
 * report. The same file again is the same import and changes nothing.
 */
import type { RequestHandler } from 'express';
import { resolveMifMapping } from '../../../src/core/mif/mif-columns';
import { missingColumns } from '../../../src/core/mif/mif-row';
import { recordImport } from '../../../src/infra/care-record/imports';
import { fileHashOf, ImportFileError, parseMifFile } from '../../../src/infra/imports/import-file';
import { callerOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { importBytes, importQueryOf } from './import-body';
import { importIdOf } from './import-id';

const MIF_MEDIA_TYPES = ['text/csv', 'text/plain', 'application/octet-stream'];

export function postMif({ config, pool, journeys }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { batchSize, batchesPerRun } = importQueryOf(req);
    const principal = callerOf(res);
    const plan = principal.organisation;
    const content = await importBytes(req, res, MIF_MEDIA_TYPES);
    let file;
    try {
      file = parseMifFile(content);
    } catch (err) {
      if (err instanceof ImportFileError) throw new ApiError(ApiErrorCode.InvalidBody, err.message);
      throw err;
    }
    const missing = missingColumns(file.header, resolveMifMapping(config.plans[plan]?.mif));
    if (missing.length) {
      throw new ApiError(ApiErrorCode.InvalidBody, `the header lacks required columns: ${missing.join(', ')}`, { errors: missing.map((c) => ({ path: c, message: 'missing column' })) });
    }
    if (file.rows.length === 0) throw new ApiError(ApiErrorCode.InvalidBody, 'the file has a header and no rows');
    const fileHash = fileHashOf(content);
    const importId = importIdOf(config.memberIdKey, plan, 'mif', fileHash);
    await recordImport(pool, { importId, plan, kind: 'mif', fileHash, content, totalRows: file.rows.length, requestedBy: principal.subject });
    await journeys.startImport({ importId, totalRows: file.rows.length, batchSize, ...(batchesPerRun ? { batchesPerRun } : {}) });
    const location = `/v1/mif/${importId}`;
    res.status(202).location(location).json({ importId, kind: 'mif', totalRows: file.rows.length, links: { report: location } });
  };
}
