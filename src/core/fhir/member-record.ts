/**
 * The member's ECM record as the FHIR export reads it from the care record: plain data, instants
 * as ISO strings and dates as `YYYY-MM-DD`, opaque keys only. The demographics (PHI) are apart, read
 * only when the caller asked for the Patient.
 */

export interface RecordJourney {
  readonly referralId: string;
  readonly plan: string;
  readonly stage: string;
  readonly ended: boolean;
  readonly receivedAt: string;
  readonly providerId?: string;
  readonly careManagerId?: string;
  readonly populationsOfFocus: readonly string[];
}

export interface RecordAuthorizationPeriod {
  readonly number: number;
  readonly kind: 'initial' | 'reauthorization';
  readonly startDate: string;
  readonly endDate: string;
}

export interface RecordDeadline {
  readonly key: string;
  readonly rule: string;
  readonly party: string;
  readonly startedAt: string;
  readonly dueAt: string;
  readonly status: 'open' | 'met' | 'breached' | 'cancelled';
  readonly fulfilledAt?: string;
  readonly cancelledAt?: string;
}

export interface RecordGoal {
  readonly ordinal: number;
  readonly description: string;
  readonly measure: string;
  readonly targetDate: string;
}

export interface RecordCarePlan {
  readonly version: number;
  readonly at: string;
  readonly acuity: 'low' | 'medium' | 'high';
  readonly problems: readonly string[];
  readonly interventions: readonly string[];
  readonly barriers: readonly string[];
  readonly goals: readonly RecordGoal[];
}

export interface RecordConsent {
  readonly kind: 'opt_in' | 'opt_out';
  readonly method?: 'verbal' | 'written';
  readonly at: string;
}

export interface RecordVisit {
  readonly visitKey: string;
  readonly facilityId: string;
  readonly patientClass: string;
  readonly admittedAt?: string;
  readonly dischargedAt?: string;
  readonly disposition?: string;
  readonly cancelled: boolean;
}

export interface RecordTcsTask {
  readonly task: string;
  readonly status: 'pending' | 'done' | 'not_applicable';
  readonly at?: string;
  readonly reason?: string;
}

export interface RecordEpisode {
  readonly episodeKey: string;
  readonly status: 'inpatient' | 'discharged' | 'completed' | 'cancelled';
  readonly openedAt: string;
  readonly closedAt?: string;
  readonly visits: readonly RecordVisit[];
  readonly tasks: readonly RecordTcsTask[];
}

export interface RecordNotice {
  readonly noticeId: string;
  readonly type: 'denial' | 'discontinuation';
  readonly reason: string;
  readonly decidedAt: string;
  readonly recipients: readonly string[];
  readonly deliveryStatus: 'pending' | 'sent' | 'failed';
  readonly sentAt?: string;
  readonly deliveryError?: string;
}

/** One journey of the member (the latest, whose parties the access check judged). */
export interface MemberRecord {
  readonly memberId: string;
  readonly journey: RecordJourney;
  readonly authorizationPeriods: readonly RecordAuthorizationPeriod[];
  readonly deadlines: readonly RecordDeadline[];
  /** The current revision of the care plan, if one was recorded. */
  readonly carePlan?: RecordCarePlan;
  readonly consents: readonly RecordConsent[];
  readonly episodes: readonly RecordEpisode[];
  readonly notices: readonly RecordNotice[];
}

/** PHI: only for the Patient resource, only on `?include=patient`. */
export interface MemberDemographics {
  readonly cin: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly dateOfBirth: string;
  readonly contact: { readonly phone?: string; readonly email?: string; readonly address?: string };
}
