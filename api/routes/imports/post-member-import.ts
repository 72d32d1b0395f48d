/**
 * `POST /v1/imports/members`: a plan brings in members already in ECM, as JSON Lines. Each line is
 * validated here (./member-lines.ts); the file kept in the care record is the validated lines, one
 * per line of the original (a refused line keeps its reason), and the import is named by the
 * original's hash, so line numbers and idempotency follow the file the plan sent. Then the import workflow replays them.
 */
import type { RequestHandler } from 'express';
import { recordImport } from '../../../src/infra/care-record/imports';
import { fileHashOf, parseJsonLinesFile } from '../../../src/infra/imports/import-file';
import { callerOf } from '../../auth/caller';
import type { RouteDependencies } from '../../dependencies';
import { ApiError, ApiErrorCode } from '../../problem';
import { importBytes, importQueryOf } from './import-body';
import { importIdOf } from './import-id';
import { validateMemberLine } from './member-lines';

const JSONL_MEDIA_TYPES = ['application/x-ndjson', 'application/jsonl', 'application/json-lines', 'text/plain', 'application/octet-stream'];

export function postMemberImport({ config, pool, journeys, clock }: RouteDependencies): RequestHandler {
  return async (req, res) => {
    const { batchSize, batchesPerRun } = importQueryOf(req);
    const principal = callerOf(res);
    const plan = principal.organisation;
    const content = await importBytes(req, res, JSONL_MEDIA_TYPES);
    const lines = parseJsonLinesFile(content).rows;
    if (lines.length === 0) throw new ApiError(ApiErrorCode.InvalidBody, 'the file has no lines');
    const now = await clock();
    // Blank lines stay blank, so every kept line has its original number.
    const kept: string[] = content.toString('utf8').replace(/^\uFEFF/, '').split(/\r?\n/).map(() => '');
    for (const l of lines) kept[l.line - 1] = JSON.stringify(validateMemberLine(l.text, plan, now));
    // The import is named by the file sent; what is kept (the validated lines) by its own hash.
    const importId = importIdOf(config.memberIdKey, plan, 'members', fileHashOf(content));
    const validated = Buffer.from(kept.join('\n'));
    await recordImport(pool, { importId, plan, kind: 'members', fileHash: fileHashOf(validated), content: validated, totalRows: lines.length, requestedBy: principal.subject });
    await journeys.startImport({ importId, totalRows: lines.length, batchSize, ...(batchesPerRun ? { batchesPerRun } : {}) });
    const location = `/v1/imports/members/${importId}`;
    res.status(202).location(location).json({ importId, kind: 'members', totalRows: lines.length, links: { report: location } });
  };
}
