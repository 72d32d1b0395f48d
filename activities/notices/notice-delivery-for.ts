/** The notice delivery a process configures from its environment (ECM_NOTICE_TRANSPORT, DATA_DIR, ECM_PLANS_FILE). */
import type { AppConfig } from '../../src/infra/config';
import { letterFileTransport } from './letter-file-transport';
import type { NoticeDelivery } from './notice-transport';

/** `letter-file` (default): letters under DATA_DIR/notices; `outbox`: notices stay pending for an outside integration. */
export function noticeDeliveryFor(config: Pick<AppConfig, 'plans' | 'dataDir' | 'noticeTransport'>): NoticeDelivery {
  return config.noticeTransport === 'letter-file' ? { plans: config.plans, transport: letterFileTransport(config.dataDir) } : { plans: config.plans };
}
