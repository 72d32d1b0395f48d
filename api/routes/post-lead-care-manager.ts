/** `POST /v1/members/:memberId/lead-care-manager`: the provider names the Lead Care Manager. */
import { z } from 'zod';
import { nameLeadCareManagerUpdate } from '../../workflows/member-journey/definitions';
import type { RouteDependencies } from '../dependencies';
import { instantSchema } from '../timestamp';
import { journeyActionRoute } from './journey-action';

/** The naming body. */
export const leadCareManagerBody = z.object({
  careManagerId: z.string().trim().min(1).max(64),
  at: instantSchema,
});

/** Meets R-LCM-72H; the journey moves to OUTREACH. */
export const postLeadCareManager = (deps: RouteDependencies) =>
  journeyActionRoute(deps, 'lead-care-manager', leadCareManagerBody, nameLeadCareManagerUpdate, (body, actionKey) => ({
    actionKey,
    careManagerId: body.careManagerId,
    at: body.at,
  }));
