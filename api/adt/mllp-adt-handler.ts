/**
 * HL7 ADT over MLLP: what the listener (src/infra/mllp) does with each frame. There is no bearer
 * token on a socket, so the sender's identity is its feed: the first message's MSH-4 must be one of
 * a feed's `sendingFacilities` (src/core/adt/hl7-feeds.ts), and the connection is then bound to that
 * feed; a later message from another facility of another feed is refused (AR), as is a sender on no
 * feed. In production the listener runs TLS with client certificates (MLLP_TLS_CA) and each feed
 * names its senders' certificates (`clientCertificateNames`), so MSH-4 is believed only from the
 * peer the certificate authority vouched for as that feed's.
 *
 * Every message goes through the same intake as `POST /v1/adt/hl7` (hl7-intake.ts), and its access
 * decision is in the audit trail under the feed's name, before the event is taken in.
 */
import { randomUUID } from 'node:crypto';
import { buildHl7Ack, type Hl7AdtResult, type Hl7FeedSelector, mllpFeedSelector, parseHl7Adt } from '../../src/core/adt';
import type { Hl7Feeds } from '../../src/core/plan-policies';
import type { Logger } from '../../src/infra/logger';
import type { MllpConnection, MllpHandler } from '../../src/infra/mllp/mllp-server';
import { appendAudit } from '../audit/audit-trail';
import type { AdtIntakeDependencies } from './adt-intake';
import { takeInHl7Message } from './hl7-intake';

/** The action name of MLLP intake in the audit trail. */
export const MLLP_AUDIT_ACTION = 'receiveAdtMllp';

export interface MllpAdtDependencies extends AdtIntakeDependencies {
  readonly feeds: Hl7Feeds;
  readonly log: Logger;
  /** The receipt instant (epoch ms): R-TCS-24H starts from it. */
  readonly clock: () => Promise<number>;
}

/**
 * The selector of one connection: the first feed it names binds it. A feed that names its senders'
 * client certificates takes only a connection whose verified certificate is one of them, so a
 * sender cannot speak for another hospital by writing its MSH-4.
 */
function boundSelector(all: Hl7FeedSelector, connection: MllpConnection): Hl7FeedSelector {
  return (sendingFacility) => {
    const feed = all(sendingFacility);
    if (feed === undefined) return undefined;
    const names = feed.clientCertificateNames;
    if (names !== undefined && !names.includes(connection.peerCommonName ?? '')) return undefined;
    if (connection.binding !== undefined && connection.binding !== feed.name) return undefined;
    connection.binding = feed.name;
    return feed;
  };
}

/** The handler the MLLP listener runs ADT intake with. */
export function mllpAdtHandler(deps: MllpAdtDependencies): MllpHandler {
  const feeds = mllpFeedSelector(deps.feeds);
  const intake: AdtIntakeDependencies = { pool: deps.pool, journeys: deps.journeys, memberIdKey: deps.memberIdKey };
  // Only an AA result is taken in, and it carries its feed's plan: no fallback plan is needed.
  const ackAt = async (result: Hl7AdtResult): Promise<string> => takeInHl7Message(intake, result, result.ackCode === 'AA' ? (result.event.plan ?? '') : '', await deps.clock());
  return {
    async message(text, connection) {
      // One frame is one message; an HTTP body's splitting rules would also read a second MSH.
      const [result, ...more] = parseHl7Adt(text, { feeds: boundSelector(feeds, connection) });
      if (result === undefined) return undefined;
      const feed = result.ackCode === 'AA' ? result.feed : undefined;
      const plan = result.ackCode === 'AA' ? result.event.plan : undefined;
      await appendAudit(deps.pool, {
        requestId: randomUUID(),
        principal: { subject: `mllp:${connection.binding ?? 'unbound'}`, role: 'plan', organisation: plan ?? 'unknown' },
        memberIds: [],
        action: MLLP_AUDIT_ACTION,
        outcome: result.ackCode === 'AR' ? 'denied' : 'allowed',
        ...(result.ackCode === 'AR' ? { reason: 'not_accepted' } : {}),
      });
      if (more.length > 0) deps.log.warn({ connection: connection.id, extra: more.length }, 'mllp: a frame carried more than one message; only the first is answered');
      deps.log.info({ connection: connection.id, feed, ack: result.ackCode }, 'mllp: message answered');
      return ackAt(result);
    },
    async oversized(mshLine, limit, connection) {
      const [head] = parseHl7Adt(mshLine);
      const header = head?.header;
      deps.log.warn({ connection: connection.id, limit }, 'mllp: frame over the size limit refused');
      if (header === undefined) return undefined;
      const at = await deps.clock();
      return buildHl7Ack(header, { code: 'AR', issues: [{ code: 102, segment: 'MSH', message: `message exceeds the ${limit}-byte frame limit`, reject: true }] }, {
        controlId: randomUUID().replace(/-/g, '').slice(0, 20),
        at,
        application: 'ECM-BACKBONE',
        facility: 'ECM',
      });
    },
    problem(what, connection, detail) {
      // Counts only: frame contents are PHI.
      deps.log.warn({ connection: connection.id, problem: what, bytes: detail.bytes, ...(detail.err ? { err: String((detail.err as Error).name ?? 'Error') } : {}) }, 'mllp: frame problem');
    },
  };
}
