/** The `recordReferral` activity: the care record's referral store, which the API's intake shares. */
export { recordReferral } from '../../src/infra/care-record/referrals';
