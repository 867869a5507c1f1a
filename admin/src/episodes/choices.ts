import { PROFILE_CHOICES, profileName } from '../roms/profiles';
import { type Episode, type EpisodeStatus, ROBOTAXI_GAME } from '../types';

const STATUS_NAMES: Record<EpisodeStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  aborted: 'Aborted',
};

export const EPISODE_STATUS_CHOICES = (
  Object.entries(STATUS_NAMES) as [EpisodeStatus, string][]
).map(([id, name]) => ({ id, name }));

/** RoboTaxi, then the Atari game profiles. */
export const GAME_CHOICES = [{ id: ROBOTAXI_GAME, name: 'RoboTaxi' }, ...PROFILE_CHOICES];

export const gameName = (game: string): string =>
  game === ROBOTAXI_GAME ? 'RoboTaxi' : profileName(game);

/** What the determinism check says, in words. */
export function verificationText(
  episode: Pick<Episode, 'game' | 'verified' | 'verification'>,
): string {
  if (episode.game === ROBOTAXI_GAME) return '—';
  const v = episode.verification;
  if (!v) return 'Not checked yet';
  if (v.error) return `Not checked: ${v.error}`;
  if (v.firstDivergingFrame !== null)
    return `No: diverges at frame ${v.firstDivergingFrame} (${v.checkedHashes} hashes compared)`;
  return `Yes (${v.checkedHashes} hashes compared)`;
}

/** `m:ss` between two ISO times, or "—". */
export function durationText(startedAt: string, endedAt: string | null): string {
  if (!endedAt) return '—';
  const ms = Date.parse(endedAt) - Date.parse(startedAt);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
