import type { Session, SessionStatus } from '../types';

export { KIND_CHOICES as SESSION_KIND_CHOICES } from '../studies/studyConfig';

const STATUS_NAMES: Record<SessionStatus, string> = {
  waiting: 'Waiting',
  running: 'Running',
  paused: 'Paused',
  completed: 'Completed',
  aborted: 'Aborted',
};

const toChoices = <Id extends string>(names: Record<Id, string>) =>
  (Object.entries(names) as [Id, string][]).map(([id, name]) => ({ id, name }));

export const SESSION_STATUS_CHOICES = toChoices(STATUS_NAMES);

/** "Completed, 12/03/2026 14:02" (the session's status and start). */
export const sessionSummary = (session: Session): string => {
  const status = STATUS_NAMES[session.status] ?? session.status;
  const at = session.startedAt ?? session.createdAt;
  return `${status}, ${new Date(at).toLocaleString()}`;
};
