/**
 * What a provider records about reaching a member (issue 14 §2): contact preferences (Guide §8.1:
 * "the member's choice and contact preferences"), the authorized representative or support person
 * (§8.6), and the member's authorization for data sharing (§8.1.2). Strict: unknown fields refused.
 */
import { z } from 'zod';
import { text } from '../../text';
import { instantSchema } from '../../timestamp';

/** Ways a member may be reached (the outreach methods a member can choose among). */
export const CONTACT_METHODS = ['phone', 'text', 'email', 'mail', 'in_person'] as const;

/** Who may speak for or support the member (Guide §8.6). */
export const REPRESENTATIVE_RELATIONSHIPS = ['parent', 'caregiver', 'guardian', 'family_member', 'authorized_support_person', 'authorized_representative'] as const;

/** Who the member authorized their information to be shared with (Guide §8.1.2). */
export const DATA_SHARING_PARTIES = ['plan', 'ecm_provider', 'community_supports', 'other_providers'] as const;

export const contactPreferencesBody = z
  .strictObject({
    /** When the member said so (ISO 8601 with an offset); not in the future. */
    at: instantSchema,
    preferences: z
      .strictObject({
        methods: z.array(z.enum(CONTACT_METHODS)).min(1).max(CONTACT_METHODS.length).optional(),
        doNotUse: z.array(z.enum(CONTACT_METHODS)).max(CONTACT_METHODS.length).optional(),
        bestTimes: text({ max: 200 }).optional(),
        language: text({ max: 64 }).optional(),
        /** Where an in-person attempt should go (Guide §8.1: where they live, seek care, or are accessible). */
        inPersonLocation: text({ max: 300 }).optional(),
        notes: text({ max: 500 }).optional(),
      })
      .optional(),
    /** The representative or support person; `null` records that there is none any more. */
    authorizedRepresentative: z
      .strictObject({
        name: text({ max: 200 }),
        relationship: z.enum(REPRESENTATIVE_RELATIONSHIPS),
        phone: text({ max: 32 }).optional(),
        email: z.email().max(254).optional(),
        address: text({ max: 500 }).optional(),
        mayDiscussCare: z.boolean(),
      })
      .nullable()
      .optional(),
    dataSharing: z
      .strictObject({
        authorized: z.boolean(),
        with: z.array(z.enum(DATA_SHARING_PARTIES)).max(DATA_SHARING_PARTIES.length).default([]),
        method: z.enum(['verbal', 'written']),
        /** Guide §8.1.2: when federal law requires the authorization, the provider tells the plan it has it. */
        requiredByFederalLaw: z.boolean().default(false),
      })
      .optional(),
  })
  .refine((b) => b.preferences !== undefined || b.authorizedRepresentative !== undefined || b.dataSharing !== undefined, {
    message: 'record at least one of preferences, authorizedRepresentative, dataSharing',
  });

export type ContactPreferencesBody = z.infer<typeof contactPreferencesBody>;
