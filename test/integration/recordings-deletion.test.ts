import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingEntity } from '../../src/modules/recordings/recording.entity.js';
import { studyKey } from '../../src/modules/storage/storage-keys.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  chunkAt,
  createTrack,
  pcm,
  putChunk,
  setupRecordingStudy,
  type ParticipantHandle,
  type RecordingStudy,
} from '../support/recording-fixture.js';

const RATE = 8000;

/** Deleting a participant or a whole study must not leave their audio behind in storage. */
describe('deleting participants and studies deletes their audio', () => {
  let t: TestApp;
  let s: RecordingStudy;
  let storage: StorageService;

  const record = async (who: ParticipantHandle, sessionId?: string) => {
    const { trackId } = await createTrack(who, {
      kind: 'mic',
      sampleRate: RATE,
      channels: 1,
      ...(sessionId ? { sessionId } : {}),
    });
    const at = chunkAt(RATE, randomUUID());
    for (const seq of [0, 1])
      expect((await putChunk(who, trackId, seq, at(seq * RATE), pcm(RATE, seq))).status).toBe(201);
    return trackId;
  };
  const filesUnder = async (prefix: string) => (await storage.list(prefix)).length;

  beforeAll(async () => {
    t = await startTestApp();
    s = await setupRecordingStudy(t, 'rec-delete');
    storage = t.app.get(StorageService);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('removes a deleted participant’s chunks and WAVs, and nobody else’s', async () => {
    const inSession = await record(s.p.T0001, s.sessionId);
    const solo = await record(s.p.T0001);
    const other = await record(s.p.T0002);
    expect((await s.admin.post(`/recordings/${solo}/finalize`)).status).toBe(200);
    const before = await filesUnder(studyKey(s.studyId));
    expect(before).toBe(2 + 1 + 2); // chunks of two tracks, one WAV

    expect((await s.admin.delete(`/participants/${s.p.T0001.id}`)).status).toBe(200);
    expect(await filesUnder(studyKey(s.studyId))).toBe(2); // T0002's chunks
    const rows = s.ds.getRepository(RecordingEntity);
    expect(await rows.countBy({ id: inSession })).toBe(0);
    expect(await rows.countBy({ id: solo })).toBe(0);
    expect(await rows.findOneByOrFail({ id: other })).toMatchObject({ status: 'recording' });
  });

  it('removes every file of a deleted study', async () => {
    expect(await filesUnder(studyKey(s.studyId))).toBeGreaterThan(0);
    expect((await s.admin.delete(`/studies/${s.studyId}`)).status).toBe(200);
    expect(await filesUnder(studyKey(s.studyId))).toBe(0);
  });
});
