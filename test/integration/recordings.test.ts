import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ClockSamplesResponse,
  ParticipantRecordingsDeleted,
  RecordingTrackView,
} from '../../src/games/common/recording.js';
import { ClockSampleEntity } from '../../src/modules/recordings/clock-sample.entity.js';
import { chunksFolder, trackFolder } from '../../src/modules/recordings/recording-keys.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import {
  chunkAt,
  chunkRowCount,
  createTrack,
  downloadWav,
  otherResearcher,
  pcm,
  putChunk,
  setupRecordingStudy,
  trackView,
  type RecordingStudy,
} from '../support/recording-fixture.js';

const RATE = 8000;
const q = (o: unknown) => encodeURIComponent(JSON.stringify(o));

describe('recordings API: clock, tracks, finalize, access', () => {
  let t: TestApp;
  let s: RecordingStudy;
  let storage: StorageService;
  let eve: ApiClient;
  const clockId = randomUUID();
  const at = chunkAt(RATE, clockId);
  const view = (id: string) => trackView(s, id);
  const chunkRows = (id: string) => chunkRowCount(s, id);

  beforeAll(async () => {
    t = await startTestApp();
    s = await setupRecordingStudy(t, 'rec-api');
    storage = t.app.get(StorageService);
    eve = await otherResearcher(t, s.admin, 'eve-rec@test.local');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('clock', () => {
    it('answers pings without a token with the server time', async () => {
      const anon = new ApiClient(t.baseUrl);
      const before = Date.now();
      const res = await anon.post<{ clientSendMs: number; serverMs: number }>('/clock/ping', {
        clientSendMs: 1234.5,
      });
      expect(res.status).toBe(200);
      expect(res.body.clientSendMs).toBe(1234.5);
      expect(res.body.serverMs).toBeGreaterThanOrEqual(before - 5);
      expect(res.body.serverMs).toBeLessThanOrEqual(Date.now() + 5);
      const bad = await anon.post<{ message: string }>('/clock/ping', { clientSendMs: 'x' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/clientSendMs must be a finite number/);
    });

    it('stores clock samples idempotently and refuses bad ones without storing any', async () => {
      const api = s.p.T0001.api;
      const id = randomUUID();
      const now = Date.now();
      const sample = (send: number) => ({
        clientSendMs: send,
        serverMs: now - 10_000 + send,
        clientRecvMs: send + 1.5,
      });
      const post = (samples: unknown[], extra = {}) =>
        api.post<ClockSamplesResponse & { message: string }>('/clock/samples', {
          clockId: id,
          timeOrigin: now - 60_000,
          samples,
          ...extra,
        });
      expect((await post([sample(1), sample(2), sample(3)])).body).toEqual({
        clockId: id,
        stored: 3,
        total: 3,
      });
      expect((await post([sample(1), sample(2), sample(3)])).body).toMatchObject({
        stored: 0,
        total: 3,
      });
      const backwards = await post([sample(4), { ...sample(5), clientRecvMs: 4 }]);
      expect(backwards.status).toBe(400);
      expect(backwards.body.message).toMatch(/samples\.1: clientRecvMs \(4\) is before/);
      const future = await post([{ ...sample(6), serverMs: now + 3_600_000 }]);
      expect(future.status).toBe(400);
      expect(future.body.message).toMatch(/samples\.0: serverMs .* is in the future/);
      const notFinite = await post([{ ...sample(7), serverMs: null }]);
      expect(notFinite.status).toBe(400);
      expect(notFinite.body.message).toMatch(/samples\.0\.serverMs: serverMs must be a finite/);
      const tooMany = await post(Array.from({ length: 201 }, (_, i) => sample(100 + i)));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.message).toMatch(/at most 200 samples/);
      expect((await post([sample(4)])).body).toMatchObject({ stored: 1, total: 4 });
      const rows = await s.ds.getRepository(ClockSampleEntity).find({ where: { clockId: id } });
      expect(rows.map((r) => r.clientSendMs).sort()).toEqual([1, 2, 3, 4]);
      expect(rows[0]).toMatchObject({
        participantId: s.p.T0001.id,
        studyId: s.studyId,
        rttMs: 1.5,
      });
      expect(
        (await s.admin.post('/clock/samples', { clockId: id, samples: [sample(9)] })).status,
      ).toBe(403);
      expect((await new ApiClient(t.baseUrl).post('/clock/samples', {})).status).toBe(401);
    });
  });

  describe('PUT /recordings/:trackId', () => {
    it('creates idempotently, and says what differs or whose it is', async () => {
      const body = { kind: 'mic', sampleRate: RATE, channels: 1, label: 'teacher mic' };
      const created = await createTrack(s.p.T0001, body);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        id: created.trackId,
        participantId: s.p.T0001.id,
        participantCode: 'T0001',
        studyId: s.studyId,
        status: 'recording',
        receivedChunks: 0,
        label: 'teacher mic',
      });
      const again = await createTrack(s.p.T0001, body, created.trackId);
      expect(again.status).toBe(200);
      expect(again.body.createdAt).toBe(created.body.createdAt);
      const differs = await createTrack(
        s.p.T0001,
        { ...body, sampleRate: 16000, kind: 'game' },
        created.trackId,
      );
      expect(differs.status).toBe(409);
      expect(differs.body.message).toMatch(
        /kind "game" ≠ stored "mic", sampleRate 16000 ≠ stored 8000/,
      );
      const other = await createTrack(s.p.T0002, body, created.trackId);
      expect(other.status).toBe(403);
      expect(other.body.message).toMatch(/belongs to another participant/);
      expect((await s.admin.put(`/recordings/${randomUUID()}`, body)).status).toBe(403);
    });

    it('accepts only sessions and episodes the participant takes part in', async () => {
      const base = { kind: 'mic', sampleRate: RATE, channels: 1 };
      const ok = await createTrack(s.p.T0001, {
        ...base,
        sessionId: s.sessionId,
        episodeId: s.episodeId,
      });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({ sessionId: s.sessionId, episodeId: s.episodeId });
      const notTheirs = await createTrack(s.p.T0002, { ...base, sessionId: s.sessionId });
      expect(notTheirs.status).toBe(403);
      expect(notTheirs.body.message).toMatch(
        /is not a session of your study that you take part in/,
      );
      const unknown = await createTrack(s.p.T0001, { ...base, sessionId: randomUUID() });
      expect(unknown.status).toBe(403);
      const episode = await createTrack(s.p.T0001, {
        ...base,
        sessionId: s.sessionId,
        episodeId: randomUUID(),
      });
      expect(episode.status).toBe(403);
      expect(episode.body.message).toMatch(/is not an episode of session/);
      const noSession = await createTrack(s.p.T0001, { ...base, episodeId: s.episodeId });
      expect(noSession.status).toBe(400);
      expect(noSession.body.message).toMatch(/sessionId is required when episodeId is given/);
    });

    it('validates the body and the id', async () => {
      const base = { kind: 'mic', sampleRate: RATE, channels: 1 };
      const cases: [Record<string, unknown>, RegExp][] = [
        [{ ...base, channels: 2 }, /channels must be 1/],
        [{ ...base, sampleRate: 4000 }, /sampleRate must not be less than 8000/],
        [{ ...base, sampleRate: 44100.5 }, /sampleRate must be an integer/],
        [{ ...base, kind: 'video' }, /kind must be one of mic, game, other/],
        [{ ...base, label: 'x'.repeat(81) }, /label must be shorter than or equal to 80/],
        [{ ...base, owner: 'me' }, /property owner should not exist/],
        [{ ...base, source: { gain: 3 } }, /source\.gain: property gain should not exist/],
        [{ ...base, source: { echoCancellation: 'no' } }, /echoCancellation must be a boolean/],
      ];
      for (const [body, message] of cases) {
        const res = await createTrack(s.p.T0001, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.message).toMatch(message);
      }
      const badId = await s.p.T0001.api.put<{ message: string }>('/recordings/not-a-uuid', base);
      expect(badId.status).toBe(400);
      expect(badId.body.message).toMatch(/trackId must be a UUID/);
    });
  });

  describe('finalize, download, delete, access', () => {
    let trackId: string;
    let finalized: RecordingTrackView;

    beforeAll(async () => {
      trackId = (
        await createTrack(s.p.T0001, {
          kind: 'mic',
          sampleRate: RATE,
          channels: 1,
          sessionId: s.sessionId,
        })
      ).trackId;
      for (const seq of [0, 1])
        expect(
          (await putChunk(s.p.T0001, trackId, seq, at(seq * RATE), pcm(RATE, seq))).status,
        ).toBe(201);
    });

    it('shows a track to its participant and researchers with access only', async () => {
      expect((await s.p.T0001.api.get(`/recordings/${trackId}`)).status).toBe(200);
      expect((await s.admin.get(`/recordings/${trackId}`)).status).toBe(200);
      expect((await s.p.T0002.api.get(`/recordings/${trackId}`)).status).toBe(404);
      expect((await eve.get(`/recordings/${trackId}`)).status).toBe(404);
      expect((await new ApiClient(t.baseUrl).get(`/recordings/${trackId}`)).status).toBe(401);
      expect((await s.admin.get(`/recordings/${trackId}/download`)).status).toBe(409);
    });

    it('finalizes once, concurrently and idempotently; then takes no new chunks', async () => {
      const unknown = await s.p.T0001.api.post<{ message: string }>(
        `/recordings/${randomUUID()}/finalize`,
      );
      expect(unknown.status).toBe(404);
      expect((await s.p.T0002.api.post(`/recordings/${trackId}/finalize`)).status).toBe(404);
      expect((await eve.post(`/recordings/${trackId}/finalize`)).status).toBe(404);
      const [a, b] = await Promise.all([
        s.p.T0001.api.post<RecordingTrackView>(`/recordings/${trackId}/finalize`),
        s.admin.post<RecordingTrackView>(`/recordings/${trackId}/finalize`),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toMatchObject({ status: 'finalized', durationSamples: 2 * RATE, gaps: [] });
      expect(b.body.finalizedAt).toBe(a.body.finalizedAt);
      finalized = a.body;
      const again = await s.p.T0001.api.post<RecordingTrackView>(`/recordings/${trackId}/finalize`);
      expect(again.status).toBe(200);
      expect(again.body.finalizedAt).toBe(a.body.finalizedAt);
      const late = await putChunk(s.p.T0001, trackId, 2, at(2 * RATE), pcm(RATE, 2));
      expect(late.status).toBe(409);
      expect(late.body.message).toMatch(/is finalized: it takes no more chunks/);
      const retry = await putChunk(s.p.T0001, trackId, 1, at(RATE), pcm(RATE, 1));
      expect(retry.status).toBe(200);
      expect(retry.body.duplicate).toBe(true);
      expect(await storage.list(chunksFolder(finalized))).toEqual([]);
      expect(await chunkRows(trackId)).toBe(2);
    });

    it('hands researchers a download link to the WAV', async () => {
      const wav = await downloadWav(t, s.admin, trackId);
      expect(wav.length).toBe(44 + 2 * RATE * 2);
      expect(wav.subarray(44)).toEqual(Buffer.concat([pcm(RATE, 0), pcm(RATE, 1)]));
      const link = await s.admin.get<{ url: string }>(`/recordings/${trackId}/download`);
      expect(new URL(link.body.url).searchParams.get('filename')).toBe(`T0001-mic-${trackId}.wav`);
      expect((await eve.get(`/recordings/${trackId}/download`)).status).toBe(404);
      expect((await s.p.T0001.api.get(`/recordings/${trackId}/download`)).status).toBe(403);
    });

    it('lists recordings for researchers, scoped to their studies', async () => {
      const page = await s.admin.get<RecordingTrackView[]>(
        `/recordings?filter=${q({ studyId: s.studyId, sessionId: s.sessionId, status: 'finalized' })}&sort=${q(['createdAt', 'ASC'])}&range=[0,9]`,
      );
      expect(page.status).toBe(200);
      expect(page.body.map((r) => r.id)).toEqual([trackId]);
      expect(page.headers.get('content-range')).toBe('recordings 0-0/1');
      const all = await s.admin.get<RecordingTrackView[]>(
        `/recordings?filter=${q({ participantId: s.p.T0001.id })}`,
      );
      expect(all.body.length).toBeGreaterThanOrEqual(3);
      expect(all.body.every((r) => r.participantCode === 'T0001')).toBe(true);
      const bad = await s.admin.get<{ message: string }>(
        `/recordings?filter=${q({ status: 'lost' })}`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/filter.status: must be one of/);
      expect((await eve.get<unknown[]>('/recordings')).body).toEqual([]);
      expect((await s.p.T0001.api.get('/recordings')).status).toBe(403);
    });

    it('deletes the audio but keeps the row', async () => {
      expect((await eve.delete(`/recordings/${trackId}`)).status).toBe(404);
      const folder = trackFolder(finalized);
      expect((await storage.list(folder)).length).toBe(1); // the WAV
      const res = await s.admin.delete<RecordingTrackView>(`/recordings/${trackId}`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('deleted');
      expect(await storage.list(folder)).toEqual([]);
      expect(await chunkRows(trackId)).toBe(0);
      expect((await view(trackId)).status).toBe('deleted');
      expect((await s.admin.post(`/recordings/${trackId}/finalize`)).status).toBe(409);
      expect((await s.admin.get(`/recordings/${trackId}/download`)).status).toBe(409);
      const upload = await putChunk(s.p.T0001, trackId, 1, at(RATE), pcm(RATE, 1));
      expect(upload.status).toBe(409);
      expect(upload.body.message).toMatch(/is deleted/);
      expect((await s.admin.delete(`/recordings/${trackId}`)).status).toBe(200);
    });

    it("deletes all of a participant's recordings and clock samples (withdrawal)", async () => {
      const w = s.p.W0001;
      const ids = [];
      for (const kind of ['mic', 'game']) {
        const id = (await createTrack(w, { kind, sampleRate: RATE, channels: 1 })).trackId;
        expect((await putChunk(w, id, 0, at(0), pcm(RATE, 7))).status).toBe(201);
        ids.push(id);
      }
      await w.api.post('/clock/samples', {
        clockId,
        samples: [{ clientSendMs: 1, serverMs: Date.now() - 1000, clientRecvMs: 2 }],
      });
      expect((await eve.delete(`/participants/${w.id}/recordings`)).status).toBe(404);
      const res = await s.admin.delete<ParticipantRecordingsDeleted>(
        `/participants/${w.id}/recordings`,
      );
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ participantId: w.id, tracks: 2, clockSamples: 1 });
      for (const id of ids) {
        const v = await view(id);
        expect(v.status).toBe('deleted');
        expect(await storage.list(trackFolder(v))).toEqual([]);
      }
      const again = await s.admin.delete<ParticipantRecordingsDeleted>(
        `/participants/${w.id}/recordings`,
      );
      expect(again.body).toMatchObject({ tracks: 0, clockSamples: 0 });
      expect((await s.admin.delete(`/participants/${randomUUID()}/recordings`)).status).toBe(404);
    });

    it('withdraws a participant, deleting their audio only when asked', async () => {
      const t2 = s.p.T0002;
      const track = (await createTrack(t2, { kind: 'mic', sampleRate: RATE, channels: 1 })).trackId;
      expect((await putChunk(t2, track, 0, at(0), pcm(RATE, 3))).status).toBe(201);
      const statusOf = async () =>
        (await s.admin.get<{ status: string }>(`/participants/${t2.id}`)).body.status;
      const before = await statusOf();

      for (const bad of [{}, { deleteRecordings: 'yes' }, { deleteRecordings: 1 }]) {
        const res = await s.admin.post<{ message: string[] }>(
          `/participants/${t2.id}/withdraw`,
          bad,
        );
        expect(res.status, JSON.stringify(bad)).toBe(400);
        expect(JSON.stringify(res.body.message)).toContain('deleteRecordings');
      }
      expect(await statusOf()).toBe(before);
      expect(
        (await eve.post(`/participants/${t2.id}/withdraw`, { deleteRecordings: true })).status,
      ).toBe(404);
      expect(await statusOf()).toBe(before);

      type Withdrawal = {
        participant: { id: string; status: string };
        recordingsDeleted: { tracks: number; clockSamples: number } | null;
      };
      const kept = await s.admin.post<Withdrawal>(`/participants/${t2.id}/withdraw`, {
        deleteRecordings: false,
      });
      expect(kept.status).toBe(200);
      expect(kept.body.participant).toMatchObject({ id: t2.id, status: 'withdrawn' });
      expect(kept.body.recordingsDeleted).toBeNull();
      expect((await view(track)).status).not.toBe('deleted');
      // Locked out at once: their token no longer uploads.
      expect((await putChunk(t2, track, 1, at(RATE), pcm(RATE, 1))).status).toBe(403);

      const purged = await s.admin.post<Withdrawal>(`/participants/${t2.id}/withdraw`, {
        deleteRecordings: true,
      });
      expect(purged.status).toBe(200);
      expect(purged.body.recordingsDeleted).toEqual({ tracks: 1, clockSamples: 0 });
      const v = await view(track);
      expect(v.status).toBe('deleted');
      expect(await storage.list(trackFolder(v))).toEqual([]);
      expect(await chunkRows(track)).toBe(0);
    });
  });
});
