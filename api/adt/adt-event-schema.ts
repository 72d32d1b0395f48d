/** The JSON form of an ADT event (`POST /v1/adt`), validated field by field. */
import { z } from 'zod';
import { ADT_EVENT_TYPES } from '../../src/core/domain/transitional-care/episode-state';
import { instantSchema } from '../timestamp';
import { ORGANISATION_CODE_PATTERN } from '../../src/infra/identity';
import { safeString, text } from '../text';

/** One ADT event as a plan's daily feed or an HIE sends it. */
export const adtEventSchema = z
  .strictObject({
    messageId: text({ max: 64 }),
    eventType: z.enum(ADT_EVENT_TYPES),
    plan: safeString().regex(ORGANISATION_CODE_PATTERN),
    member: z.strictObject({ cin: safeString().trim().regex(/^[0-9A-Za-z]{8,14}$/, 'a Medi-Cal CIN') }),
    facility: z.strictObject({ id: text({ max: 64 }), name: text({ max: 200, min: 0 }).optional() }),
    visitId: text({ max: 64 }),
    patientClass: text({ max: 2 }),
    admitAt: instantSchema.optional(),
    dischargeAt: instantSchema.optional(),
    dischargeDisposition: text({ max: 64, min: 0 }).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.eventType === 'A03' && !e.dischargeAt) ctx.addIssue({ code: 'custom', path: ['dischargeAt'], message: 'a discharge (A03) needs its discharge time' });
    if (e.admitAt && e.dischargeAt && Date.parse(e.dischargeAt) < Date.parse(e.admitAt)) {
      ctx.addIssue({ code: 'custom', path: ['dischargeAt'], message: 'the discharge is before the admission' });
    }
  });

/** A parsed ADT event. */
export type AdtEventBody = z.infer<typeof adtEventSchema>;

/** The JSON batch. */
export const adtBatchSchema = z.strictObject({ events: z.array(adtEventSchema).min(1).max(500) });
