/**
 * R-DENIAL-NOA: a plan's Notice of Action template. Every notice carries the appeal-rights
 * statement (DHCS APL 21-011 "Your Rights"); a plan may replace the default text with its own
 * approved one, and name itself and its Member Services line, through ECM_PLANS_FILE:
 *
 *   { "plans": { "LA-CARE": { "notice": { "planName": "L.A. Care Health Plan",
 *       "memberServices": "1-800-555-0199 (TTY 711)", "appealRights": "YOUR RIGHTS ..." } } } }
 *
 * The statement is rendered when the notice is recorded and kept with it, so a later change of
 * configuration never rewrites what a member was told.
 */
import { z } from 'zod';
import { DEFAULT_APPEAL_RIGHTS } from './appeal-rights';

/** The `notice` field of a plan in ECM_PLANS_FILE. */
export const noticeTemplateSchema = z.object({
  /** How the letter names the plan (default: the plan code). */
  planName: z.string().trim().min(1).max(200).optional(),
  /** The Member Services phone line and hours the letter points to. */
  memberServices: z.string().trim().min(1).max(200).optional(),
  /** The plan's own "Your Rights" text; `{{planName}}` and `{{memberServices}}` are filled in. */
  appealRights: z.string().trim().min(1).max(20_000).optional(),
});

/** A plan's `notice` settings, as configured. */
export type NoticeTemplateSettings = z.infer<typeof noticeTemplateSchema>;

/** A plan's template, resolved. */
export interface NoticeTemplate {
  /** `default`, or the plan code when the plan configured its own template. */
  readonly id: string;
  readonly planName: string;
  readonly memberServices: string;
  /** The statement with the plan's names filled in. */
  readonly appealRights: string;
}

const DEFAULT_MEMBER_SERVICES = 'the Member Services number on your health plan ID card';

/**
 * The template the plan's notices are rendered from. `plans` is the configuration's plan table
 * (`PlanPolicies`); only its `notice` settings are read, so this module does not depend on it.
 */
export function noticeTemplateFor(
  plans: Readonly<Record<string, { readonly notice?: NoticeTemplateSettings } | undefined>>,
  plan: string,
): NoticeTemplate {
  const own = plans[plan]?.notice;
  const planName = own?.planName ?? plan;
  const memberServices = own?.memberServices ?? DEFAULT_MEMBER_SERVICES;
  const text = own?.appealRights ?? DEFAULT_APPEAL_RIGHTS;
  return {
    id: own ? plan : 'default',
    planName,
    memberServices,
    appealRights: fillIn(text, { planName, memberServices }),
  };
}

/** Replaces `{{name}}` placeholders; unknown ones stay as written, so a typo shows in the letter's review. */
export function fillIn(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}
