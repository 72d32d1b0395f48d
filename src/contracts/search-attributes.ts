import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * Custom search attributes ops filter on in the Temporal Web UI (e.g. `EcmOverdue = true`).
 * None carries PHI: stage, plan code, provider organisation, an instant and a flag.
 */
export const EcmStage = defineSearchAttributeKey('EcmStage', SearchAttributeType.KEYWORD);
export const EcmPlan = defineSearchAttributeKey('EcmPlan', SearchAttributeType.KEYWORD);
export const EcmProvider = defineSearchAttributeKey('EcmProvider', SearchAttributeType.KEYWORD);
/** Due instant of the earliest open deadline; absent when none is open. */
export const EcmNextDeadline = defineSearchAttributeKey('EcmNextDeadline', SearchAttributeType.DATETIME);
/** Rule of the earliest open deadline (e.g. `R-LCM-72H`), beside `EcmNextDeadline`; absent when none is open. */
export const EcmNextRule = defineSearchAttributeKey('EcmNextRule', SearchAttributeType.KEYWORD);
/** True while a breached deadline still waits for its late act. */
export const EcmOverdue = defineSearchAttributeKey('EcmOverdue', SearchAttributeType.BOOL);

/** True while a transitional-care episode is open (on the journey and on the episode's own workflow). */
export const EcmInTransitionalCare = defineSearchAttributeKey('EcmInTransitionalCare', SearchAttributeType.BOOL);

/** R-AUTH-LAPSE: true while the authorization period has ended with no plan decision. */
export const EcmAuthorizationLapsed = defineSearchAttributeKey('EcmAuthorizationLapsed', SearchAttributeType.BOOL);

/** Every key this project registers on a namespace: the dev server start-up and compose use this list. */
export const ECM_SEARCH_ATTRIBUTES = [EcmStage, EcmPlan, EcmProvider, EcmNextDeadline, EcmNextRule, EcmOverdue, EcmInTransitionalCare, EcmAuthorizationLapsed] as const;
