import type { ParticipantRole, ParticipantStatus } from '../types';

const ROLE_NAMES: Record<ParticipantRole, string> = {
  teacher: 'Teacher (T)',
  wizard: 'Wizard (W)',
  demonstrator: 'Demonstrator (D)',
};

const STATUS_NAMES: Record<ParticipantStatus, string> = {
  registered: 'Registered',
  active: 'Active',
  completed: 'Completed',
  withdrawn: 'Withdrawn',
};

const toChoices = <Id extends string>(names: Record<Id, string>) =>
  (Object.entries(names) as [Id, string][]).map(([id, name]) => ({ id, name }));

export const ROLE_CHOICES = toChoices(ROLE_NAMES);
export const STATUS_CHOICES = toChoices(STATUS_NAMES);
