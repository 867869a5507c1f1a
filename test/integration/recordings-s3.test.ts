import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { RecordingSweeper } from '../../src/modules/recordings/recording-sweeper.service.js';
import { chunksFolder, trackFolder } from '../../src/modules/recordings/recording-keys.js';
import { RecordingsService } from '../../src/modules/recordings/recordings.service.js';
import { parseWavHeader } from '../../src/modules/recordings/wav.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  createTrack,
  downloadWav,
  pcm,
  putChunk,
  setupRecordingStudy,
  type ParticipantHandle,
  type RecordingStudy,
} from '../support/recording-fixture.js';
import { startS3rver, type TestS3 } from '../support/s3rver.js';

const RATE = 8000;
const CHUNK = 2000; // 0.25 s

/** Uploads chunks `seqs` (one segment, CHUNK samples each) in the given order. */
async function upload(who: ParticipantHandle, trackId: string, seqs: number[]): Promise<void> {
  const clockId = randomUUID();
  for (const seq of seqs) {
    const res = await putChunk(
      who,
      trackId,
      seq,
      {
        segment: 0,
        startSample: seq * CHUNK,
        sampleRate: RATE,
        contextTime: (seq * CHUNK) / RATE,
        captureMs: 500 + (seq * CHUNK * 1000) / RATE,
        clockId,
      },
      pcm(CHUNK, seq + 17),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
}

/**
 * The core of assembly against an S3-compatible store (s3rver), plus the server-side triggers:
 * `finalizeSession` (called by the game loop) and the idle sweeper.
 */
describe('recording assembly on S3, finalizeSession and the idle sweeper', () => {
  let s3: TestS3;
  let t: TestApp;
  let s: RecordingStudy;
  let storage: StorageService;
  let recordings: RecordingsService;
  const view = async (id: string) =>
    (await s.admin.get<RecordingTrackView>(`/recordings/${id}`)).body;

  beforeAll(async () => {
    s3 = await startS3rver('ozlab-recordings');
    t = await startTestApp({ ...s3.env(), RECORDING_IDLE_FINALIZE_S: '1' });
    s = await setupRecordingStudy(t, 'rec-s3');
    storage = t.app.get(StorageService);
    recordings = t.app.get(RecordingsService);
    expect(storage.kind).toBe('s3');
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
  });

  it('finalizes every track of a session into WAVs on S3, silence where chunks are missing', async () => {
    const base = { kind: 'mic', sampleRate: RATE, channels: 1, sessionId: s.sessionId };
    const teacher = await createTrack(s.p.T0001, base);
    const wizard = await createTrack(s.p.W0001, base);
    await upload(s.p.T0001, teacher.trackId, [4, 0, 2, 1, 5]); // 3 never arrives
    await upload(s.p.W0001, wizard.trackId, [1, 0]);
    const chunkKeys = await storage.list(chunksFolder(teacher.body));
    expect(chunkKeys).toHaveLength(5);

    const result = await recordings.finalizeSession(s.sessionId);
    expect(result.failed).toEqual([]);
    expect(result.finalized.sort()).toEqual([teacher.trackId, wizard.trackId].sort());

    const v = await view(teacher.trackId);
    expect(v).toMatchObject({ status: 'finalized', durationSamples: 6 * CHUNK });
    expect(v.gaps).toEqual([
      { startSample: 3 * CHUNK, samples: CHUNK, reason: 'missing-chunks', seq: 3 },
    ]);
    const wav = await downloadWav(t, s.admin, teacher.trackId); // a presigned S3 URL
    expect(parseWavHeader(wav)).toMatchObject({ sampleRate: RATE, dataBytes: 6 * CHUNK * 2 });
    const expected = Buffer.concat(
      [0, 1, 2, 3, 4, 5].map((seq) => (seq === 3 ? Buffer.alloc(CHUNK * 2) : pcm(CHUNK, seq + 17))),
    );
    expect(wav.subarray(44).equals(expected)).toBe(true);
    expect(await storage.list(chunksFolder(v))).toEqual([]);
    expect((await storage.list(trackFolder(v))).map((o) => o.key)).toEqual([
      `${trackFolder(v)}/${v.id}.wav`,
    ]);
    const w = await downloadWav(t, s.admin, wizard.trackId);
    expect(w.subarray(44).equals(Buffer.concat([pcm(CHUNK, 17), pcm(CHUNK, 18)]))).toBe(true);

    // Nothing left to do the second time.
    expect(await recordings.finalizeSession(s.sessionId)).toEqual({ finalized: [], failed: [] });
  });

  it('deletes the WAV from S3 on withdrawal', async () => {
    const v = (await s.admin.get<RecordingTrackView[]>('/recordings')).body.find(
      (r) => r.participantCode === 'W0001',
    )!;
    expect(await storage.list(trackFolder(v))).toHaveLength(1);
    const res = await s.admin.delete(`/participants/${s.p.W0001.id}/recordings`);
    expect(res.body).toMatchObject({ tracks: 1 });
    expect(await storage.list(trackFolder(v))).toEqual([]);
  });

  it('finalizes tracks that stopped receiving chunks, and leaves active ones alone', async () => {
    const idle = await createTrack(s.p.T0002, { kind: 'mic', sampleRate: RATE, channels: 1 });
    await upload(s.p.T0002, idle.trackId, [0, 1]);
    await new Promise((r) => setTimeout(r, 1300)); // RECORDING_IDLE_FINALIZE_S=1
    const active = await createTrack(s.p.T0002, { kind: 'game', sampleRate: RATE, channels: 1 });
    await upload(s.p.T0002, active.trackId, [0]);
    const swept = await t.app.get(RecordingSweeper).sweepIdle();
    expect(swept).toBe(1);
    expect(await view(idle.trackId)).toMatchObject({
      status: 'finalized',
      durationSamples: 2 * CHUNK,
    });
    expect((await view(active.trackId)).status).toBe('recording');
    const wav = await downloadWav(t, s.admin, idle.trackId);
    expect(wav.subarray(44).equals(Buffer.concat([pcm(CHUNK, 17), pcm(CHUNK, 18)]))).toBe(true);
    // The participant finds out when they upload again.
    const late = await putChunk(
      s.p.T0002,
      idle.trackId,
      2,
      {
        segment: 0,
        startSample: 2 * CHUNK,
        sampleRate: RATE,
        contextTime: 0.5,
        captureMs: 1000,
        clockId: randomUUID(),
      },
      pcm(CHUNK, 1),
    );
    expect(late.status).toBe(409);
    expect(late.body.message).toMatch(/finalized/);
  });
});
