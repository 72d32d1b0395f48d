/** The care-record activities as every workflow calls them: one retry policy for all. */
import { proxyActivities } from '@temporalio/workflow';
import type { CareRecordActivities } from '../../activities';

export const careRecord = proxyActivities<CareRecordActivities>({
  startToCloseTimeout: '30 seconds',
  // A care-record outage must delay the journey, never lose an event: retry without a cap.
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
