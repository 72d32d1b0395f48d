/**
 * A Task per deadline of the journey and of its transitional-care episodes (the rule ID its code,
 * the due instant its `restriction.period.end`), and one per R-TCS-TASKS task of an episode.
 */
import type { Task } from 'fhir/r4';
import { DEADLINE_RULES } from '../domain/rules';
import * as cs from './code-systems';
import type { RecordDeadline, RecordEpisode, RecordTcsTask } from './member-record';
import { ECM_EPISODE_ID, fhirId, patientRef, ref, tcsEpisodeId } from './references';

/**
 * A deadline's status as a Task's: open → `requested` (the party still owes the act), met →
 * `completed`, breached → `failed`, cancelled (made moot) → `cancelled`. The deadline's own status
 * stays in `businessStatus`.
 */
export const TASK_STATUS_OF_DEADLINE: Readonly<Record<RecordDeadline['status'], Task['status']>> = {
  open: 'requested',
  met: 'completed',
  breached: 'failed',
  cancelled: 'cancelled',
};

const titleOf = (rule: string): string | undefined => (DEADLINE_RULES as Readonly<Record<string, { title: string }>>)[rule]?.title;

/** The episode a deadline key belongs to: transitional-care deadlines are keyed `<episode key>/<key>`. */
function focusOf(key: string, episodes: readonly RecordEpisode[]): string {
  const episode = episodes.find((e) => key.startsWith(`${e.episodeKey}/`));
  return episode ? tcsEpisodeId(episode.episodeKey) : ECM_EPISODE_ID;
}

/** One deadline. */
export function deadlineTask(memberId: string, deadline: RecordDeadline, episodes: readonly RecordEpisode[]): Task {
  const title = titleOf(deadline.rule);
  const ended = deadline.fulfilledAt ?? deadline.cancelledAt;
  return {
    resourceType: 'Task',
    id: fhirId('deadline', deadline.key),
    identifier: [{ system: cs.DEADLINE_KEY, value: deadline.key }],
    status: TASK_STATUS_OF_DEADLINE[deadline.status],
    businessStatus: { coding: [{ system: cs.DEADLINE_STATUS, code: deadline.status }] },
    intent: 'order',
    code: { coding: [{ system: cs.ECM_RULE, code: deadline.rule, ...(title ? { display: title } : {}) }], ...(title ? { text: title } : {}) },
    focus: ref('EpisodeOfCare', focusOf(deadline.key, episodes)),
    for: patientRef(memberId),
    executionPeriod: { start: deadline.startedAt, ...(ended ? { end: ended } : {}) },
    authoredOn: deadline.startedAt,
    performerType: [{ coding: [{ system: cs.RESPONSIBLE_PARTY, code: deadline.party }] }],
    restriction: { period: { end: deadline.dueAt } },
  };
}

const TCS_TASK_STATUS: Readonly<Record<RecordTcsTask['status'], Task['status']>> = {
  pending: 'requested',
  done: 'completed',
  not_applicable: 'cancelled',
};

/** R-TCS-TASKS: one task of a transitional-care episode (done, or not applicable with its reason). */
export function transitionalCareTask(memberId: string, episode: RecordEpisode, task: RecordTcsTask): Task {
  return {
    resourceType: 'Task',
    id: fhirId('task', episode.episodeKey, task.task),
    status: TCS_TASK_STATUS[task.status],
    ...(task.status === 'not_applicable' && task.reason ? { statusReason: { text: task.reason } } : {}),
    businessStatus: { coding: [{ system: cs.TCS_TASK, code: task.status }] },
    intent: 'order',
    code: { coding: [{ system: cs.TCS_TASK, code: task.task }] },
    focus: ref('EpisodeOfCare', tcsEpisodeId(episode.episodeKey)),
    for: patientRef(memberId),
    ...(task.at ? { executionPeriod: { end: task.at } } : {}),
  };
}
