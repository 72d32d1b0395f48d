/**
 * What the Temporal UI's workflow page says about a journey (issue 14 §4, `setCurrentDetails`):
 * where it stands, who leads it, which clocks run and which have run out. Markdown, in the plan's
 * zone. Identifiers and rule facts only, never PHI: no name, CIN, date of birth or contact.
 */
import { setCurrentDetails } from '@temporalio/workflow';
import { formatZoned } from '../../src/core/calendar';
import { isOverdue, type Deadline } from '../../src/core/domain/deadline';
import type { JourneyState } from '../../src/core/domain/journey-state';
import { dueSoonInstantOf } from './due-soon';

const byDue = (a: Deadline, b: Deadline): number => Date.parse(a.dueAt) - Date.parse(b.dueAt);

/** The details as markdown. */
export function currentDetailsOf(state: JourneyState): string {
  const tz = state.policy.calendar.timeZone;
  const at = (iso: string): string => formatZoned(Date.parse(iso), tz);
  const open = state.deadlines.filter((d) => d.status === 'open').sort(byDue);
  const overdue = state.deadlines.filter(isOverdue).sort(byDue);
  const lines = [
    `**Stage:** ${state.stage}`,
    '',
    `**Plan:** ${state.policy.plan} · **Provider:** ${state.assignment?.providerId ?? 'not assigned'} · **Lead Care Manager:** ${state.leadCareManager?.careManagerId ?? 'not named'}`,
    '',
    `**Open deadlines** (${tz})`,
    '',
  ];
  if (open.length === 0) lines.push('none');
  else {
    for (const d of open) lines.push(`- **${d.rule}** due ${at(d.dueAt)} (due soon from ${formatZoned(dueSoonInstantOf(state, d), tz)}), ${d.party}`);
  }
  lines.push('', '**Breached, awaiting the late act**', '');
  if (overdue.length === 0) lines.push('none');
  else {
    for (const d of overdue) lines.push(`- **${d.rule}** was due ${at(d.dueAt)}, ${d.party}`);
  }
  return lines.join('\n');
}

/** A publisher for one run: sets the details only when they changed (they are not a command, so no patch). */
export function currentDetailsPublisher(): (state: JourneyState) => void {
  let shown: string | undefined;
  return (state) => {
    const details = currentDetailsOf(state);
    if (details === shown) return;
    shown = details;
    setCurrentDetails(details);
  };
}
