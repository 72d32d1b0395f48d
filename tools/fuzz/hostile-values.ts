/**
 * Values a careless or hostile client sends where a field wants text, a date or a number: the
 * campaign's findings (issue 10) are the seed list — control characters and NUL, lone
 * surrogates, years 0000–0009 and 1000, absurd instants — plus boundaries and wrong types.
 */
import fc from 'fast-check';

/** Characters no text field should accept (every C0 control but tab, CR, LF; DEL). */
const CONTROL = [...Array.from({ length: 32 }, (_, i) => i).filter((c) => c !== 9 && c !== 10 && c !== 13), 127].map((c) => String.fromCharCode(c));

/** Text with a control character, a lone surrogate or other trouble somewhere in it. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 8 })).map(([a, c, b]) => `${a}${c}${b}`),
  fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF')).map(([a, s]) => `${a}${s}`),
  fc.constantFrom('', ' ', '\u0000', 'Ana\u0000', '\uFEFF', '\u202E', '\u2028', '%00', '../../etc/passwd', "' OR 1=1 --", '<script>x</script>', '{{7*7}}', '${jndi:x}'),
  fc.integer({ min: 300, max: 5_000 }).map((n) => 'x'.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

/** Timestamps and dates outside any sane range, or not quite ISO 8601. */
export const hostileInstant: fc.Arbitrary<string> = fc.constantFrom(
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00Z',
  '0009-12-31T23:59:59Z',
  '1000-01-01T00:00:00Z',
  '1899-12-31T23:59:59Z',
  '2201-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '2030-02-29T10:00:00Z',
  '2030-11-13T24:00:00Z',
  '2030-11-13T09:00:00',
  '2030-11-13T09:00:00+25:00',
  '+275760-09-13T00:00:00Z',
  '2030-11-13',
  'yesterday',
  '',
);

/** Dates (`YYYY-MM-DD`) no member was born on. */
export const hostileDate: fc.Arbitrary<string> = fc.constantFrom('0000-01-01', '0198-05-05', '0005-06-07', '1000-01-01', '1800-01-01', '2999-01-01', '9999-12-31', '2030-02-30', '2030-13-01', '1970-1-1', '');

/** A value of the wrong JSON type for any field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, -1, 1e308, 0),
  fc.constant([]),
  fc.constant({}),
  fc.string({ maxLength: 10 }),
  fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
);

/** Field names a typo or an attacker adds (an unknown field must be refused, not dropped). */
export const unknownFieldName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('presumtive', 'expedite', '__proto__', 'constructor', 'prototype', 'memberId', 'admin', 'role', 'extra'),
  fc.string({ minLength: 1, maxLength: 12 }),
);
