/** What the printable invite sheet lists, kept apart from the page so that it is tested. */
import type { Participant, ParticipantRole } from '../types';

export type SheetRole = ParticipantRole | 'all';

export interface InviteCard {
  participantId: string;
  role: ParticipantRole;
  inviteUrl: string;
  accessCode: string | null;
}

/**
 * The cards of a sheet: participants of the chosen role who can still log in (withdrawn ones are
 * left out; completed ones only when asked, e.g. to reprint a lost card), by ID.
 */
export function inviteCards(
  participants: readonly Participant[],
  role: SheetRole,
  includeCompleted: boolean,
): InviteCard[] {
  return participants
    .filter((p) => p.inviteUrl)
    .filter((p) => role === 'all' || p.role === role)
    .filter((p) => p.status !== 'withdrawn' && (includeCompleted || p.status !== 'completed'))
    .sort((a, b) => a.participantId.localeCompare(b.participantId, 'en'))
    .map((p) => ({
      participantId: p.participantId,
      role: p.role,
      inviteUrl: p.inviteUrl!,
      accessCode: p.accessCode,
    }));
}

/** The cards as tab-separated lines (ID, role, invite URL) for pasting into a mail merge. */
export function inviteCardsTsv(cards: readonly InviteCard[]): string {
  return [
    'participantId\trole\tinviteUrl',
    ...cards.map((c) => `${c.participantId}\t${c.role}\t${c.inviteUrl}`),
  ].join('\n');
}

export const INVITE_SHEET_PATH = '/invite-sheet/:studyId';
export const inviteSheetPath = (studyId: string): string =>
  `/invite-sheet/${encodeURIComponent(studyId)}`;
