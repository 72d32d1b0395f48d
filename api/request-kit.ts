/** The schema parts the journey actions' bodies are built from (src/core/domain/actions/journey-action.ts). */
import { z } from 'zod';
import type { RequestKit } from '../src/core/domain/actions/journey-action';
import { memberFactsSchema } from './eligibility-facts-schema';
import { text } from './text';
import { dateSchema, instantSchema } from './timestamp';
import { reasonRequired } from './validation';

export const REQUEST_KIT = {
  z,
  text,
  instant: instantSchema,
  date: dateSchema,
  memberFacts: memberFactsSchema,
  reasonRequired,
} as const satisfies RequestKit;
