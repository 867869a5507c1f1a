import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { ParticipantLoginResponse } from '../../src/games/common/api.js';
import type { ChunkUploadQuery, RecordingTrackView } from '../../src/games/common/recording.js';
import { EpisodeEntity, EpisodeStatus } from '../../src/modules/sessions/episode.entity.js';
import { SessionEntity, SessionStatus } from '../../src/modules/sessions/session.entity.js';
import { RecordingChunkEntity } from '../../src/modules/recordings/recording-chunk.entity.js';
import { downloadWav as fetchTrackWav } from './alignment.js';
import { ApiClient, type TestApp } from './app.js';
import { serverToClient, type SimulatedClock } from './clock-sim.js';

/** Helpers for the recordings tests: a study with participants, a session, PCM, uploads. */

const texts = { consentText: 'You agree to be recorded.', instructions: 'Speak.' };

export interface ParticipantHandle {
  /** The participant row's uuid. */
  id: string;
  code: string;
  api: ApiClient;
}

export interface RecordingStudy {
  admin: ApiClient;
  studyId: string;
  slug: string;
  /** By study ID: T0001, T0002, W0001. */
  p: Record<string, ParticipantHandle>;
  /** A session in which T0001 (teacher) and W0001 (wizard) take part, and one of its episodes. */
  sessionId: string;
  episodeId: string;
  ds: DataSource;
}

export async function setupRecordingStudy(t: TestApp, slug: string): Promise<RecordingStudy> {
  const admin = await new ApiClient(t.baseUrl).loginResearcher();
  const study = await admin.post<{ id: string }>('/studies', {
    name: slug,
    slug,
    kind: 'woz-robotaxi',
    config: texts,
  });
  if (study.status !== 201) throw new Error(`study: ${JSON.stringify(study.body)}`);
  const studyId = study.body.id;
  for (const range of ['T0001-T0002', 'W0001'])
    await admin.post(`/studies/${studyId}/participants/range`, { range });
  const p: Record<string, ParticipantHandle> = {};
  for (const code of ['T0001', 'T0002', 'W0001']) {
    const login = await new ApiClient(t.baseUrl).post<ParticipantLoginResponse>(
      '/participant/login',
      { study: slug, participantId: code },
    );
    if (login.status !== 200) throw new Error(`login ${code}: ${JSON.stringify(login.body)}`);
    p[code] = {
      id: login.body.participant.id,
      code,
      api: new ApiClient(t.baseUrl, login.body.token),
    };
  }
  const ds = t.app.get(DataSource);
  const session = await ds.getRepository(SessionEntity).save({
    studyId,
    kind: 'woz-robotaxi',
    status: SessionStatus.Running,
    teacherId: p.T0001.id,
    wizardId: p.W0001.id,
    startedAt: new Date(),
  });
  const episode = await ds.getRepository(EpisodeEntity).save({
    sessionId: session.id,
    studyId,
    index: 0,
    game: 'robotaxi',
    status: EpisodeStatus.Running,
    startedAt: new Date(),
  });
  return { admin, studyId, slug, p, sessionId: session.id, episodeId: episode.id, ds };
}

/** A second researcher, who sees none of admin's studies. */
export async function otherResearcher(
  t: TestApp,
  admin: ApiClient,
  email: string,
): Promise<ApiClient> {
  const password = 'other-password-1';
  await admin.post('/researchers', { email, password });
  return new ApiClient(t.baseUrl).loginResearcher(email, password);
}

/** Fetches a finalized track's WAV through `GET /recordings/:id/download`. */
export async function downloadWav(t: TestApp, admin: ApiClient, trackId: string): Promise<Buffer> {
  return fetchTrackWav(t.baseUrl, trackId, admin.token ?? '');
}

/** The track as a researcher sees it. */
export async function trackView(s: RecordingStudy, id: string): Promise<RecordingTrackView> {
  return (await s.admin.get<RecordingTrackView>(`/recordings/${id}`)).body;
}

/** How many chunk rows the track has in the database. */
export function chunkRowCount(s: RecordingStudy, id: string): Promise<number> {
  return s.ds.getRepository(RecordingChunkEntity).count({ where: { recordingId: id } });
}

/**
 * Chunk query builder for segment 0 of a track at `rate`: a chunk at `startSample` was captured
 * at `1000 + startSample / rate` s on a nominal client clock of domain `clockId`.
 */
export const chunkAt =
  (rate: number, clockId: string) =>
  (startSample: number, extra: Partial<ChunkUploadQuery> = {}): ChunkUploadQuery => ({
    segment: 0,
    startSample,
    sampleRate: rate,
    contextTime: startSample / rate,
    captureMs: 1000 + (startSample / rate) * 1000,
    clockId,
    ...extra,
  });

/** Deterministic, non-silent 16-bit PCM (never all zeros, so silence is told apart). */
export function pcm(samples: number, seed: number): Buffer {
  const b = Buffer.alloc(samples * 2);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < samples; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    b.writeInt16LE(((x % 60000) - 30000) | 1, i * 2);
  }
  return b;
}

export async function createTrack(
  who: ParticipantHandle,
  body: Record<string, unknown>,
  trackId: string = randomUUID(),
): Promise<{ status: number; body: RecordingTrackView & { message?: string }; trackId: string }> {
  const res = await who.api.put<RecordingTrackView & { message?: string }>(
    `/recordings/${trackId}`,
    body,
  );
  return { ...res, trackId };
}

export interface UploadResult<T = Record<string, unknown>> {
  status: number;
  body: T & { message?: string };
}

/** PUT a chunk with raw bytes, as the browser recorder does. */
export async function putChunk(
  who: ParticipantHandle,
  trackId: string,
  seq: number | string,
  query: Partial<Record<keyof ChunkUploadQuery, number | string>>,
  bytes: Buffer,
  contentType = 'application/octet-stream',
): Promise<UploadResult> {
  const qs = new URLSearchParams(
    Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]),
  );
  const res = await fetch(
    `${who.api.baseUrl}/api/recordings/${trackId}/chunks/${seq}?${qs.toString()}`,
    {
      method: 'PUT',
      headers: { 'content-type': contentType, authorization: `Bearer ${who.api.token}` },
      body: bytes,
    },
  );
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as UploadResult['body'] };
}

export interface SimChunk {
  seq: number;
  segment: number;
  startSample: number;
  bytes: Buffer;
  query: ChunkUploadQuery;
}

export interface SegmentSpec {
  segment: number;
  firstSeq: number;
  chunks: number;
  chunkSamples: number;
  /** True server time (Unix ms) of the segment's first sample. */
  startServerMs: number;
  clockId: string;
  clock: SimulatedClock;
  /** How fast the audio clock runs against the server's, ppm (+: more samples per second). */
  audioPpm?: number;
  /** Uniform jitter of captureMs, ± ms. */
  jitterMs?: number;
  random?: () => number;
}

/** The chunks one recorder run (segment) would upload, with true capture times on its clock. */
export function simulateSegment(rate: number, spec: SegmentSpec): SimChunk[] {
  const msPerSample = 1000 / (rate * (1 + (spec.audioPpm ?? 0) * 1e-6));
  const rnd = spec.random ?? (() => 0.5);
  return Array.from({ length: spec.chunks }, (_, i) => {
    const startSample = i * spec.chunkSamples;
    const serverMs = spec.startServerMs + startSample * msPerSample;
    const captureMs =
      serverToClient(spec.clock, serverMs) + (rnd() - 0.5) * 2 * (spec.jitterMs ?? 0);
    const seq = spec.firstSeq + i;
    return {
      seq,
      segment: spec.segment,
      startSample,
      bytes: pcm(spec.chunkSamples, seq + 1000 * spec.segment + 1),
      query: {
        segment: spec.segment,
        startSample,
        sampleRate: rate,
        contextTime: startSample / rate,
        captureMs,
        clockId: spec.clockId,
      },
    };
  });
}

/** Clock samples posted in pages of at most 200. */
export async function postClockSamples(
  who: ParticipantHandle,
  clockId: string,
  samples: { clientSendMs: number; serverMs: number; clientRecvMs: number }[],
): Promise<void> {
  for (let i = 0; i < samples.length; i += 200) {
    const res = await who.api.post('/clock/samples', {
      clockId,
      samples: samples.slice(i, i + 200),
    });
    if (res.status !== 200) throw new Error(`clock samples: ${JSON.stringify(res.body)}`);
  }
}
