import { ROLE_BY_PREFIX, type ParticipantRole } from '../../../src/games/common/api';

/** A study's default participant ID pattern: T teacher, W wizard, D demonstrator + 4-6 digits. */
export const DEFAULT_ID_PATTERN = '^[TWD]\\d{4,6}$';

/** The role the server derives from an ID's first letter, or undefined for an unknown prefix. */
export const roleOfParticipantId = (
  participantId: string | null | undefined,
): ParticipantRole | undefined => {
  const prefix = participantId?.trim().charAt(0).toUpperCase();
  return prefix ? ROLE_BY_PREFIX[prefix] : undefined;
};

/** Compiles a study's ID pattern; undefined when it is not a valid regular expression. */
export const compilePattern = (pattern: string | null | undefined): RegExp | undefined => {
  if (!pattern) return undefined;
  try {
    return new RegExp(pattern);
  } catch {
    return undefined;
  }
};
