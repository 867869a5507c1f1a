/** The rules of the withdrawal dialog, kept apart from the component so that they are tested. */

/**
 * Deleting recordings cannot be undone, so the researcher types the participant's ID to confirm
 * it. Null when the dialog may be confirmed; else what is missing.
 */
export function withdrawalProblem(
  deleteRecordings: boolean,
  typed: string,
  participantId: string,
): string | null {
  if (!deleteRecordings) return null;
  const entered = typed.trim().toUpperCase();
  if (!entered) return `Type ${participantId} to confirm deleting the recordings`;
  if (entered !== participantId.toUpperCase()) return `That is not ${participantId}`;
  return null;
}

/** The line the researcher reads after the call: what happened, in numbers. */
export function withdrawalSummary(
  participantId: string,
  deleted: { tracks: number; clockSamples: number } | null,
): string {
  if (!deleted) return `${participantId} withdrawn; their recordings are kept`;
  const tracks = `${deleted.tracks} audio track${deleted.tracks === 1 ? '' : 's'}`;
  return `${participantId} withdrawn; ${tracks} deleted`;
}
