import { Hl7Context } from '@medplum/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HL7_ENCODING, escapeHl7, formatHl7Timestamp, type Hl7Encoding, parseHl7Timestamp, unescapeHl7 } from '../../src/core/adt';
import { readEncoding, splitMessages } from '../../src/core/adt/hl7v2-encoding';

const V27: Hl7Encoding = Object.assign(new Hl7Context(), { truncation: '#' });
const CUSTOM: Hl7Encoding = new Hl7Context('\r', '!', '@', '*', '$', '%');

describe('HL7 v2 escape sequences', () => {
  it('decodes the delimiter escapes', () => {
    expect(unescapeHl7('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F', DEFAULT_HL7_ENCODING)).toBe('A|B^C&D~E\\F');
    expect(unescapeHl7('10\\P\\', V27)).toBe('10#');
    expect(unescapeHl7('A$S$B$E$', CUSTOM)).toBe('A@B$');
  });

  it('decodes hex bytes and line breaks, and drops formatting and character-set sequences', () => {
    expect(unescapeHl7('LINE1\\X0D0A\\LINE2', DEFAULT_HL7_ENCODING)).toBe('LINE1\r\nLINE2');
    expect(unescapeHl7('A\\.br\\B', DEFAULT_HL7_ENCODING)).toBe('A\nB');
    expect(unescapeHl7('\\H\\BOLD\\N\\ \\.sp2\\X\\C2842\\Y\\ZLOCAL\\', DEFAULT_HL7_ENCODING)).toBe('BOLD XY');
  });

  it('keeps unknown and unterminated sequences as sent', () => {
    expect(unescapeHl7('A\\Q\\B', DEFAULT_HL7_ENCODING)).toBe('A\\Q\\B');
    expect(unescapeHl7('C:\\TEMP', DEFAULT_HL7_ENCODING)).toBe('C:\\TEMP');
    expect(unescapeHl7('10\\P\\', DEFAULT_HL7_ENCODING)).toBe('10\\P\\');
  });

  it('escapes delimiters and line breaks so the text stays one value', () => {
    expect(escapeHl7('A|B^C&D~E\\F\r\n', DEFAULT_HL7_ENCODING)).toBe('A\\F\\B\\S\\C\\T\\D\\R\\E\\E\\F\\X0D\\\\X0A\\');
    expect(escapeHl7('10#', V27)).toBe('10\\P\\');
  });

  it('round-trips any text through escape and unescape', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ' ', '|', '^', '~', '\\', '&', '#', '!', '@', '*', '$', '%', '\r', '\n', 'X', 'F', 'é') });
    fc.assert(
      fc.property(text, fc.constantFrom(DEFAULT_HL7_ENCODING, V27, CUSTOM), (value, encoding) => {
        const escaped = escapeHl7(value, encoding);
        for (const delimiter of [encoding.fieldSeparator, encoding.componentSeparator, encoding.repetitionSeparator, encoding.subcomponentSeparator, '\r', '\n']) {
          expect(escaped).not.toContain(delimiter);
        }
        expect(unescapeHl7(escaped, encoding)).toBe(value);
      }),
    );
  });
});

describe('HL7 v2 message framing', () => {
  it('reads MSH-1 and MSH-2, including the v2.7 truncation character', () => {
    expect(readEncoding('MSH|^~\\&|EPIC')).toEqual(DEFAULT_HL7_ENCODING);
    expect(readEncoding('MSH|^~\\&#|EPIC')).toEqual(V27);
    expect(readEncoding('MSH!@*$%!EPIC')).toEqual(CUSTOM);
    expect(readEncoding('PID|1')).toBe('not_msh');
    expect(readEncoding('MSH')).toBe('bad_field_separator');
    expect(readEncoding('MSH|^^\\&|EPIC')).toBe('bad_encoding_characters');
    expect(readEncoding('MSH|^~\\|EPIC')).toBe('bad_encoding_characters');
  });

  it('starts a message at each MSH', () => {
    const body = 'MSH|^~\\&|A\rEVN|A01\nPID|1\r\nMSH|^~\\&|B\rPID|2';
    expect(splitMessages(body).map((m) => m.lines)).toEqual([
      ['MSH|^~\\&|A', 'EVN|A01', 'PID|1'],
      ['MSH|^~\\&|B', 'PID|2'],
    ]);
  });
});

describe('HL7 v2 timestamps', () => {
  const LA = 'America/Los_Angeles';

  it('reads minute, second and fractional precision, with and without offset', () => {
    expect(parseHl7Timestamp('202611011230', LA)).toEqual({ epochMs: Date.parse('2026-11-01T20:30:00Z'), iso: '2026-11-01T12:30:00.000-08:00' });
    expect(parseHl7Timestamp('20260701123045', LA)).toMatchObject({ iso: '2026-07-01T12:30:45.000-07:00' });
    expect(parseHl7Timestamp('20260701123045.5', LA)).toMatchObject({ iso: '2026-07-01T12:30:45.500-07:00' });
    expect(parseHl7Timestamp('20260701123045-0400', LA)).toMatchObject({ epochMs: Date.parse('2026-07-01T16:30:45Z'), iso: '2026-07-01T12:30:45.000-04:00' });
    // In the fall-back overlap, the earlier (daylight) instant.
    expect(parseHl7Timestamp('202611010130', LA)).toMatchObject({ iso: '2026-11-01T01:30:00.000-07:00' });
  });

  it('refuses dates without a time, impossible dates and absurd offsets', () => {
    expect(parseHl7Timestamp('20260701', LA)).toBe('needs_minutes');
    expect(parseHl7Timestamp('2026070112-0700', LA)).toBe('needs_minutes');
    expect(parseHl7Timestamp('202602301200', LA)).toBe('malformed');
    expect(parseHl7Timestamp('202607012460', LA)).toBe('malformed');
    expect(parseHl7Timestamp('202607011200+1500', LA)).toBe('malformed');
    expect(parseHl7Timestamp('185007011200', LA)).toBe('malformed');
    expect(parseHl7Timestamp('2026-07-01T12:00', LA)).toBe('malformed');
  });

  it('writes an instant as an HL7 timestamp in a zone', () => {
    expect(formatHl7Timestamp(Date.parse('2026-03-10T22:00:05Z'), LA)).toBe('20260310150005-0700');
    expect(formatHl7Timestamp(Date.parse('2026-01-01T07:59:59Z'), LA)).toBe('20251231235959-0800');
    expect(formatHl7Timestamp(Date.parse('2026-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('20260101053000+0530');
  });

  it('round-trips instants through the HL7 form', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('1990-01-01T00:00:00Z') / 1000, max: Date.parse('2060-01-01T00:00:00Z') / 1000 }),
        fc.constantFrom(LA, 'America/New_York', 'UTC', 'Asia/Kolkata'),
        (seconds, zone) => {
          const parsed = parseHl7Timestamp(formatHl7Timestamp(seconds * 1000, zone), LA);
          expect(typeof parsed === 'string' ? parsed : parsed.epochMs).toBe(seconds * 1000);
        },
      ),
    );
  });
});
