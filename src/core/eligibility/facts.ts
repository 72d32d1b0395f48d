import type { ProgramName } from '../domain/programs';

/**
 * What is known about a member for R-ELIGIBILITY, field by field as ECM-RULES §4 asks. No name, no
 * CIN: only the facts the criteria need. Dates are local `YYYY-MM-DD`.
 */
export interface MemberFacts {
  readonly dateOfBirth: string;
  readonly enrolledInMediCalManagedCare: boolean;
  /** A long-term-care share of cost is allowed; any other share of cost is not (Guide §5.3). */
  readonly shareOfCost: 'none' | 'long_term_care' | 'other';
  readonly housing?: {
    /** Any of the six homelessness conditions, incl. imminent loss of housing within 30 days and fleeing violence. */
    readonly homeless: boolean;
    /** Couch-surfing, motels, trailer parks, shelters, abandoned in hospital (POF 1b). */
    readonly precariouslyHoused?: boolean;
    readonly withDependentChildren?: boolean;
  };
  /** At least one complex physical, behavioural or developmental need the member cannot self-manage. */
  readonly complexNeedUnableToSelfManage?: boolean;
  readonly edVisits?: readonly { readonly date: string; readonly avoidable: boolean }[];
  /** Unplanned hospital or short-term skilled nursing stays. */
  readonly unplannedStays?: readonly string[];
  readonly behavioralHealth?: {
    readonly meetsSmhsOrDmcCriteria: boolean;
    readonly complexSocialFactor: boolean;
    /** High risk of institutionalization, overdose or suicide. */
    readonly highRisk: boolean;
    /** Uses crisis, ED or inpatient services as the sole source of care. */
    readonly crisisAsPrimaryCare: boolean;
    /** Behavioural-health-related ED visits or hospitalizations. */
    readonly relatedEdVisitsOrAdmissions: readonly string[];
  };
  readonly incarceration?: {
    readonly releasedOn: string;
    readonly fromYouthFacility: boolean;
    /** Mental illness, SUD, chronic condition, I/DD, TBI, HIV/AIDS, or pregnant/postpartum. */
    readonly qualifyingCondition: boolean;
  };
  readonly longTermCareRisk?: {
    readonly meetsSnfLevelOfCare: boolean;
    readonly complexSocialOrEnvironmentalFactor: boolean;
    readonly canLiveInCommunityWithSupports: boolean;
  };
  readonly nursingFacility?: {
    readonly resident: boolean;
    readonly interestedInMovingOut: boolean;
    readonly likelyToSucceed: boolean;
    readonly ableToResideContinuously: boolean;
  };
  readonly ccs?: { readonly enrolled: boolean; readonly complexSocialFactor: boolean };
  readonly childWelfare?: {
    readonly inFosterCare: boolean;
    readonly fosterCareEndedOn?: string;
    readonly agedOutOfFosterCare: boolean;
    readonly adoptionAssistance: boolean;
    readonly familyMaintenanceOn?: string;
  };
  readonly birthEquity?: {
    readonly pregnant: boolean;
    /** Delivery date, for the 12-month postpartum period. */
    readonly deliveredOn?: string;
    readonly inDisparityGroup: boolean;
  };
  /** POF 2: the plan may authorize below the thresholds. */
  readonly planAuthorizedBelowThreshold?: boolean;
  readonly programs?: readonly ProgramName[];
  /** R-CONTINUITY: had ECM in the plan the member came from. */
  readonly continuityOfCare?: boolean;
}
