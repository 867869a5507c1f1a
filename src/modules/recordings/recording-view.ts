import type { RecordingTrackView } from '../../games/common/recording.js';
import type { RecordingEntity } from './recording.entity.js';

/** The wire view of a track; `participantCode` is the participant's study ID (T0001). */
export function toTrackView(r: RecordingEntity, participantCode: string): RecordingTrackView {
  return {
    id: r.id,
    studyId: r.studyId,
    participantId: r.participantId,
    participantCode,
    sessionId: r.sessionId,
    episodeId: r.episodeId,
    kind: r.kind,
    label: r.label,
    sampleRate: r.sampleRate,
    channels: 1,
    status: r.status,
    receivedChunks: r.receivedChunks,
    receivedBytes: r.receivedBytes,
    lastSeq: r.lastSeq,
    lastChunkAt: r.lastChunkAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    finalizedAt: r.finalizedAt?.toISOString() ?? null,
    durationSamples: r.durationSamples,
    gaps: r.gaps,
    mapping: r.mapping,
    source: r.source,
    error: r.error,
  };
}
