/**
 * R-DENIAL-NOA: the default appeal-rights statement every Notice of Action carries, after the
 * DHCS "Your Rights" attachment of APL 21-011 (Grievance and Appeal Requirements, Notice and
 * "Your Rights" Templates), which the Guide (§7.2, §9.4) names for ECM denials and
 * discontinuations. A plan replaces it with its own approved text through its notice template
 * (ECM_PLANS_FILE `notice.appealRights`); `{{planName}}` and `{{memberServices}}` are filled in.
 *
 * Plain text on purpose: the letter is mailed, and the statement is kept with the notice as sent.
 */
export const DEFAULT_APPEAL_RIGHTS = `YOUR RIGHTS

If you do not agree with this decision, you can ask for an appeal.

Appeal with {{planName}}
- You have 60 days from the date of this notice to ask for an appeal with {{planName}}.
- You can ask by phone, in writing or online. Call {{memberServices}}, or write to {{planName}} Member Services.
- You, or someone you choose to act for you (a friend, a relative, your doctor or provider, an advocate or a lawyer), can ask for the appeal.
- {{planName}} will send you a written decision (a Notice of Appeal Resolution) within 30 days.
- If waiting 30 days could seriously harm your life, health or ability to function, you can ask for an expedited (fast) appeal. A fast appeal is decided within 72 hours.

State Hearing
- If you do not agree with the appeal decision, or {{planName}} does not answer your appeal in time, you can ask for a State Hearing with the California Department of Social Services (CDSS).
- You must ask for a State Hearing within 120 days from the date of {{planName}}'s written appeal decision.
- To ask for a State Hearing, call CDSS at 1-800-743-8525 (TTY 1-800-952-8349), write to the California Department of Social Services, State Hearings Division, or ask online at the CDSS website.
- You can speak at the State Hearing yourself, or have someone speak for you.

Keeping your services while you appeal
- If you are getting services now and you want them to continue while you appeal, you must ask for an appeal within 10 days of the date of this notice, or before the date your services will stop, whichever is later.
- If you ask for a State Hearing after your appeal, you must ask within 10 days of the date of the appeal decision for your services to continue until the hearing decision.

Free help
- Help with your appeal or State Hearing is free. You may get free legal help from your local legal aid office or other groups.
- You can get an interpreter at no cost, and this notice in your language, in large print, audio or another format, at no cost. Call {{memberServices}}.
- {{planName}} cannot stop your Medi-Cal or treat you differently because you ask for an appeal or a State Hearing.
`;
