/**
 * The default notice transport: the rendered letter as a text file,
 * `<DATA_DIR>/notices/<plan>/<noticeId>.txt`, for the print-and-mail vendor to pick up.
 *
 * The file holds the member's name and address (a letter must name its addressee), so it is
 * written owner-only (0600, directories 0700) under DATA_DIR, beside the care record's own data;
 * its path names only the plan and the opaque notice ID.
 *
 * Idempotent: the file is created once, atomically (written aside, then hard-linked into place,
 * which fails if it exists), so a retried or concurrent delivery never rewrites a letter that may
 * already be in the vendor's hands.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { NOTICE_ID_PATTERN } from './notice-id';
import { NoticeDeliveryError, type NoticeLetter, type NoticeTransport } from './notice-transport';

/** Writes letters under `<dataDir>/notices`. */
export function letterFileTransport(dataDir: string): NoticeTransport {
  return {
    name: 'letter-file',
    async deliver(letter: NoticeLetter) {
      // Both parts become path segments: refuse anything that could climb out of the directory.
      if (!ORGANISATION_CODE_PATTERN.test(letter.plan) || !NOTICE_ID_PATTERN.test(letter.noticeId)) {
        throw new NoticeDeliveryError('invalid_letter_path', 'the plan code or notice ID cannot name a letter file');
      }
      const reference = join('notices', letter.plan, `${letter.noticeId}.txt`);
      const directory = join(dataDir, 'notices', letter.plan);
      const target = join(dataDir, reference);
      const aside = `${target}.${randomUUID()}.tmp`;
      try {
        await mkdir(directory, { recursive: true, mode: 0o700 });
        await writeFile(aside, letter.text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
        try {
          await link(aside, target);
        } catch (err) {
          // Already delivered by an earlier attempt: that letter stands.
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        } finally {
          await unlink(aside).catch(() => undefined);
        }
      } catch (err) {
        if (err instanceof NoticeDeliveryError) throw err;
        // The errno code only (ENOSPC, EACCES…): the message would carry the path, harmless, but codes are what callers branch on.
        throw new NoticeDeliveryError(`file_${((err as NodeJS.ErrnoException).code ?? 'error').toLowerCase()}`, 'the letter file could not be written');
      }
      return { reference };
    },
  };
}
