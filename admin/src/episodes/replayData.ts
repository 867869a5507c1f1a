/**
 * What the episode page's replay needs from the API: the session export (RoboTaxi) or the frames
 * export and the ROM (Atari), and a playable URL for each finalized audio track of the session.
 */
import type { OzDataProvider } from '../dataProvider';
import { API_URL } from '../dataProvider';
import { fetchBlob, httpClient } from '../dataProvider/httpClient';
import type { AudioSource, Replay } from '../replay/model';
import { parseGameLog } from '../replay/parseLog';
import {
  type Episode,
  type RecordingTrackView,
  ResourceName,
  type Rom,
  ROBOTAXI_GAME,
} from '../types';

const id = (value: string) => encodeURIComponent(value);

export type AtariFramesFormat = 'ozlab' | 'agc' | 'trajectory';
export type SessionExportFormat = 'ozlab' | 'compat';

export const episodeFramesUrl = (episodeId: string, format: AtariFramesFormat = 'ozlab') =>
  `${API_URL}/${ResourceName.Episodes}/${id(episodeId)}/frames?format=${format}`;

export const sessionExportUrl = (sessionId: string, format: SessionExportFormat = 'ozlab') =>
  `${API_URL}/${ResourceName.Sessions}/${id(sessionId)}/export?format=${format}`;

export const isRobotaxi = (episode: Pick<Episode, 'game'>) => episode.game === ROBOTAXI_GAME;

/** The label of a track in the viewer and the tracks table: `T0001 mic (teacher mic)`. */
export const trackLabel = (track: RecordingTrackView): string =>
  `${track.participantCode} ${track.kind}${track.label ? ` (${track.label})` : ''}`;

/** Finalized tracks with a mapping: the ones that can be placed on the timeline. */
export const playableTracks = (tracks: readonly RecordingTrackView[]) =>
  tracks.filter(
    (t): t is RecordingTrackView & { mapping: NonNullable<RecordingTrackView['mapping']> } =>
      t.status === 'finalized' && t.mapping !== null && t.mapping.msPerSample > 0,
  );

/** `GET /api/recordings/:id/download`: a signed URL of the WAV. */
export async function trackUrl(trackId: string): Promise<string> {
  const response = await httpClient(
    `${API_URL}/${ResourceName.Recordings}/${id(trackId)}/download`,
  );
  return (response.json as { url: string }).url;
}

export async function audioSources(tracks: readonly RecordingTrackView[]): Promise<AudioSource[]> {
  return Promise.all(
    playableTracks(tracks).map(async (track) => ({
      id: track.id,
      label: trackLabel(track),
      url: await trackUrl(track.id),
      placement: {
        interceptMs: track.mapping.interceptMs,
        msPerSample: track.mapping.msPerSample,
        sampleRate: track.sampleRate,
      },
      durationS: track.durationSamples === null ? null : track.durationSamples / track.sampleRate,
    })),
  );
}

export interface EpisodeReplayData {
  replay: Replay;
  rom: Uint8Array | null;
  /** Why `rom` is null. */
  romMissing?: string;
}

/** The ROM of the library whose MD5 the episode names, or why there is none. */
async function romOf(
  dataProvider: OzDataProvider,
  md5: string | null,
): Promise<{ rom: Uint8Array | null; romMissing?: string }> {
  if (!md5)
    return { rom: null, romMissing: 'The episode does not name the ROM it was played with.' };
  const { data } = await dataProvider.getList<Rom>(ResourceName.Roms, {
    filter: { md5 },
    pagination: { page: 1, perPage: 1 },
    sort: { field: 'name', order: 'ASC' },
  });
  if (data.length === 0)
    return { rom: null, romMissing: `The ROM with MD5 ${md5} is not in the library (any more).` };
  const blob = await dataProvider.downloadRom(data[0].id);
  return { rom: new Uint8Array(await blob.arrayBuffer()) };
}

export async function loadEpisodeReplay(
  dataProvider: OzDataProvider,
  episode: Episode,
): Promise<EpisodeReplayData> {
  if (isRobotaxi(episode)) {
    const response = await httpClient(sessionExportUrl(episode.sessionId));
    return { replay: parseGameLog(response.json as unknown), rom: null };
  }
  const [response, rom] = await Promise.all([
    httpClient(episodeFramesUrl(episode.id)),
    romOf(dataProvider, episode.romMd5),
  ]);
  return { replay: parseGameLog(response.json as unknown), ...rom };
}

/** A file of the API (with the researcher's token) saved under `filename`. */
export async function downloadExport(url: string, accept: string): Promise<Blob> {
  return fetchBlob(url, { headers: { Accept: accept } });
}
