/** Resource IDs and references inside the export's Bundle. */
import type { Reference } from 'fhir/r4';

/**
 * A FHIR id (`[A-Za-z0-9-.]{1,64}`) from our keys: `_` and `/`, which FHIR ids may not hold, become
 * `-`. The keys are opaque (hashes, rule IDs), so an id never carries PHI.
 */
export function fhirId(...parts: readonly string[]): string {
  const id = parts.join('-').replace(/[^A-Za-z0-9.-]/g, '-');
  if (id.length === 0 || id.length > 64) throw new Error(`a FHIR id must be 1 to 64 characters, got ${id.length}`);
  return id;
}

/** The member's Patient id: the opaque member ID (`mbr_…` → `mbr-…`), never the CIN. */
export const patientId = (memberId: string): string => fhirId(memberId);

/** `Patient/<member>`: every resource's subject, whether or not the Patient is in the Bundle. */
export const patientRef = (memberId: string): Reference => ({ reference: `Patient/${patientId(memberId)}` });

/** A reference to a resource of the Bundle. */
export const ref = (type: string, id: string): Reference => ({ reference: `${type}/${id}` });

/** The id of the ECM enrollment's EpisodeOfCare. */
export const ECM_EPISODE_ID = 'ecm-enrollment';
/** The id of a transitional-care episode's EpisodeOfCare. */
export const tcsEpisodeId = (episodeKey: string): string => fhirId('tcs', episodeKey);
