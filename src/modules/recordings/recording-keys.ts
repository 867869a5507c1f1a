import { sessionKey, studyKey } from '../storage/storage-keys.js';

/** What a track's storage folder depends on. */
export interface TrackLocation {
  id: string;
  studyId: string;
  participantId: string;
  sessionId: string | null;
}

/**
 * The track's folder: `studies/{study}/sessions/{session}/recordings/{track}` when it belongs to a
 * session, else `studies/{study}/participants/{participant uuid}/recordings/{track}`.
 */
export function trackFolder(t: TrackLocation): string {
  return t.sessionId
    ? sessionKey(t.studyId, t.sessionId, 'recordings', t.id)
    : studyKey(t.studyId, 'participants', t.participantId, 'recordings', t.id);
}

export const chunksFolder = (t: TrackLocation): string => `${trackFolder(t)}/chunks`;

/**
 * `<folder>/chunks/00000042-<sha256 prefix>.pcm`: zero-padded so that a listing sorts by seq, and
 * named by content so that two different uploads of one seq never overwrite each other's bytes.
 */
export const chunkKey = (t: TrackLocation, seq: number, sha256: string): string =>
  `${chunksFolder(t)}/${String(seq).padStart(8, '0')}-${sha256.slice(0, 16)}.pcm`;

export const wavKeyOf = (t: TrackLocation): string => `${trackFolder(t)}/${t.id}.wav`;

/** `T0001-mic-<trackId>.wav` */
export const downloadName = (participantCode: string, kind: string, id: string): string =>
  `${participantCode}-${kind}-${id}.wav`;
