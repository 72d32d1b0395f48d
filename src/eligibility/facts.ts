/**
 * What the engine is told about a member (ECM-RULES §4). No identity: the facts are only what the
 * criteria test, so an evaluation never carries a name or a CIN.
 */
import type { ProgramName } from '../domain/programs';

/** Facts for R-ELIGIBILITY; dates are `YYYY-MM-DD`. */
export interface MemberFacts {
  readonly dateOfBirth: string;
  readonly enrolledInMediCalManagedCare: boolean;
  readonly shareOfCost: 'none' | 'long_term_care' | 'other';
  readonly housing?: { readonly homeless: boolean; readonly precariouslyHoused?: boolean; readonly withDependentChildren?: boolean };
  readonly complexNeedUnableToSelfManage?: boolean;
  readonly edVisits?: readonly { readonly date: string; readonly avoidable: boolean }[];
  readonly unplannedStays?: readonly string[];
  readonly behavioralHealth?: {
    readonly meetsSmhsOrDmcCriteria: boolean;
    readonly complexSocialFactor: boolean;
    readonly highRisk: boolean;
    readonly crisisAsPrimaryCare: boolean;
    readonly relatedEdVisitsOrAdmissions: readonly string[];
  };
  readonly incarceration?: { readonly releasedOn: string; readonly fromYouthFacility: boolean; readonly qualifyingCondition: boolean };
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
  readonly birthEquity?: { readonly pregnant: boolean; readonly deliveredOn?: string; readonly inDisparityGroup: boolean };
  readonly planAuthorizedBelowThreshold?: boolean;
  readonly programs?: readonly ProgramName[];
  readonly continuityOfCare?: boolean;
}
