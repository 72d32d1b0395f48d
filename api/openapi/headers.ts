/** The request and response headers every operation of the OpenAPI document shares. */
import { z } from 'zod';

/** `Idempotency-Key` of a journey action. */
export const IDEMPOTENCY_KEY = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{8,128}$/)
  .optional()
  .meta({
    description:
      'Names this action, 8 to 128 letters, digits, `_`, `.`, `:` or `-`. A retry with the same key and body has one effect and answers the same; the same key with a different body is refused (422 idempotency_key_reused). Without it, the route and body themselves are the key.',
    example: 'lcm-42:outreach:2030-11-14T10:00',
    param: { id: 'IdempotencyKey' },
  });

/** `X-Request-Id` a caller may send. */
export const REQUEST_ID = z
  .string()
  .regex(/^[A-Za-z0-9_.:-]{1,128}$/)
  .optional()
  .meta({ description: 'Your ID for this request, kept beside ours in the logs and the audit trail (never instead of it).', param: { id: 'RequestId' } });

export const requestIdHeader = z.string().meta({ description: 'The request’s ID, always the server’s own (a UUID); yours is kept beside it.', header: { id: 'X-Request-Id' } });
export const locationHeader = z.string().meta({ description: 'The member’s journey.', example: '/v1/members/mbr_0123456789abcdef0123456789abcdef' });
/** The headers of every answer. */
export const standardHeaders = z.object({ 'X-Request-Id': requestIdHeader });
/** The headers of an answer that points at the member's journey. */
export const withLocation = z.object({ 'X-Request-Id': requestIdHeader, Location: locationHeader });
