import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RecordingChunkEntity } from '../../src/modules/recordings/recording-chunk.entity.js';
import { chunksFolder } from '../../src/modules/recordings/recording-keys.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { startTestApp, type TestApp } from '../support/app.js';
import {
  chunkAt,
  chunkRowCount,
  createTrack,
  pcm,
  putChunk,
  setupRecordingStudy,
  trackView,
  type RecordingStudy,
} from '../support/recording-fixture.js';

const RATE = 8000;

describe('recordings API: chunk uploads', () => {
  let t: TestApp;
  let s: RecordingStudy;
  let storage: StorageService;
  const clockId = randomUUID();
  const at = chunkAt(RATE, clockId);
  const view = (id: string) => trackView(s, id);
  const chunkRows = (id: string) => chunkRowCount(s, id);

  beforeAll(async () => {
    t = await startTestApp();
    s = await setupRecordingStudy(t, 'rec-chunks');
    storage = t.app.get(StorageService);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('PUT /recordings/:trackId/chunks/:seq', () => {
    let trackId: string;
    const stored = [0, 1, 2, 10];

    beforeAll(async () => {
      trackId = (await createTrack(s.p.T0001, { kind: 'mic', sampleRate: RATE, channels: 1 }))
        .trackId;
      for (const seq of stored) {
        const res = await putChunk(s.p.T0001, trackId, seq, at(seq * RATE), pcm(RATE, seq));
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ trackId, seq, duplicate: false });
      }
    });

    const expectUnchanged = async () => {
      const v = await view(trackId);
      expect(v).toMatchObject({ receivedChunks: 4, receivedBytes: 4 * RATE * 2, lastSeq: 10 });
      expect(await chunkRows(trackId)).toBe(4);
      // One file per stored chunk, named by seq and content; no leftovers of refused uploads.
      const files = await storage.list(chunksFolder({ ...v, id: trackId }));
      const rows = await s.ds
        .getRepository(RecordingChunkEntity)
        .find({ where: { recordingId: trackId }, order: { seq: 'ASC' } });
      expect(files.map((f) => f.key)).toEqual(rows.map((r) => r.storageKey));
      const names = rows.map((r) => r.storageKey.split('/').pop()!);
      names.forEach((name, i) =>
        expect(name).toMatch(
          new RegExp(`^${String(stored[i]).padStart(8, '0')}-[0-9a-f]{16}\\.pcm$`),
        ),
      );
      expect(names).toHaveLength(stored.length);
    };

    it('acknowledges a repeated chunk as a duplicate without storing it again', async () => {
      const res = await putChunk(s.p.T0001, trackId, 1, at(RATE), pcm(RATE, 1));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        trackId,
        seq: 1,
        duplicate: true,
        receivedChunks: 4,
        receivedBytes: 4 * RATE * 2,
      });
      await expectUnchanged();
    });

    it('refuses every bad upload with a 4xx that says why, and changes nothing', async () => {
      const one = pcm(RATE, 99);
      const cases: [string, () => ReturnType<typeof putChunk>, number, RegExp][] = [
        [
          'unknown track',
          () => putChunk(s.p.T0001, randomUUID(), 3, at(3 * RATE), one),
          404,
          /does not exist: create it first with PUT/,
        ],
        [
          "another participant's track",
          () => putChunk(s.p.T0002, trackId, 3, at(3 * RATE), one),
          403,
          /belongs to another participant/,
        ],
        [
          'other sample rate',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE, { sampleRate: 16000 }), one),
          422,
          /16000 Hz does not match the track's 8000 Hz/,
        ],
        [
          'empty body',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE), Buffer.alloc(0)),
          400,
          /The chunk is empty/,
        ],
        [
          'odd length',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE), Buffer.alloc(101)),
          400,
          /odd length \(101 bytes\)/,
        ],
        [
          'too many seconds',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE), pcm(5 * RATE + 1, 1)),
          413,
          /at most 5 s \(RECORDING_LIMITS.maxChunkSeconds\)/,
        ],
        [
          'too many bytes',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE), Buffer.alloc(3_000_000)),
          413,
          /Request body too large \(3000000 bytes\): the limit is 2097152 bytes/,
        ],
        [
          'not octet-stream',
          () =>
            putChunk(s.p.T0001, trackId, 3, at(3 * RATE), Buffer.from('{}'), 'application/json'),
          415,
          /Content-Type: application\/octet-stream/,
        ],
        [
          'negative seq',
          () => putChunk(s.p.T0001, trackId, -1, at(3 * RATE), one),
          400,
          /seq must be at least 0/,
        ],
        [
          'huge seq',
          () => putChunk(s.p.T0001, trackId, 10_000_001, at(3 * RATE), one),
          400,
          /seq must be at most 10000000/,
        ],
        [
          'text seq',
          () => putChunk(s.p.T0001, trackId, 'abc', at(3 * RATE), one),
          400,
          /seq must be an integer/,
        ],
        [
          'sample rate 0',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE, { sampleRate: 0 }), one),
          400,
          /sampleRate must not be less than 8000/,
        ],
        [
          'segment too high',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE, { segment: 10_000 }), one),
          400,
          /segment must be below 10000/,
        ],
        [
          'negative startSample',
          () => putChunk(s.p.T0001, trackId, 3, at(-8), one),
          400,
          /startSample must be at least 0/,
        ],
        [
          'segment overflow',
          () => putChunk(s.p.T0001, trackId, 3, at(2 ** 31 - 100), one),
          400,
          /passes 2147483647.*start a new segment/,
        ],
        [
          'missing clockId',
          () => putChunk(s.p.T0001, trackId, 3, { ...at(3 * RATE), clockId: '' }, one),
          400,
          /clockId must be a UUID/,
        ],
        [
          'NaN captureMs',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE, { captureMs: Number.NaN }), one),
          400,
          /captureMs must be a finite number/,
        ],
        [
          'empty segment',
          () => putChunk(s.p.T0001, trackId, 3, { ...at(3 * RATE), segment: '' }, one),
          400,
          /segment must be an integer/,
        ],
        [
          'unknown query field',
          () => putChunk(s.p.T0001, trackId, 3, { ...at(3 * RATE), gain: 2 } as never, one),
          400,
          /property gain should not exist/,
        ],
        [
          'same seq, other bytes',
          () => putChunk(s.p.T0001, trackId, 1, at(RATE), pcm(RATE, 55)),
          409,
          /seq 1 is already stored with different content: the bytes differ \(sha256\)/,
        ],
        [
          'same seq, other place',
          () => putChunk(s.p.T0001, trackId, 1, at(RATE + 2), pcm(RATE, 1)),
          409,
          /startSample 8002 ≠ stored 8000/,
        ],
        [
          'overlap',
          () => putChunk(s.p.T0001, trackId, 3, at(3 * RATE - 10), one),
          409,
          /overlaps the stored chunk seq 2 \(segment 0, samples 16000-23999\)/,
        ],
        [
          'lies after a higher seq',
          () => putChunk(s.p.T0001, trackId, 5, at(12 * RATE), one),
          409,
          /out of order: it lies after the stored chunk seq 10/,
        ],
        [
          'lies before a lower seq',
          () => putChunk(s.p.T0001, trackId, 11, at(4 * RATE), one),
          409,
          /out of order: it lies before the stored chunk seq 10/,
        ],
        [
          'earlier segment',
          () => putChunk(s.p.T0001, trackId, 12, at(0, { segment: 0 }), one),
          409,
          /overlaps|out of order/,
        ],
      ];
      for (const [name, call, status, message] of cases) {
        const res = await call();
        expect(res.status, name).toBe(status);
        expect(res.body.message, name).toMatch(message);
      }
      await expectUnchanged();
    });

    it('stores concurrent uploads of one track consistently', async () => {
      const id = (await createTrack(s.p.T0001, { kind: 'other', sampleRate: RATE, channels: 1 }))
        .trackId;
      const seqs = Array.from({ length: 12 }, (_, i) => i);
      const reads = vi.spyOn(s.ds, 'query');
      const results = await Promise.all(
        [...seqs, 3, 7].map((seq) => putChunk(s.p.T0001, id, seq, at(seq * 400), pcm(400, seq))),
      );
      // Racing uploads lost the compare-and-swap and checked again (more reads than uploads).
      const rounds = reads.mock.calls.filter(([sql]) => sql.includes('row_to_json')).length;
      reads.mockRestore();
      expect(rounds).toBeGreaterThan(14);
      expect(results.map((r) => r.status).filter((x) => x !== 201 && x !== 200)).toEqual([]);
      expect(results.filter((r) => r.body.duplicate === true)).toHaveLength(2);
      expect(await view(id)).toMatchObject({
        receivedChunks: 12,
        receivedBytes: 12 * 800,
        lastSeq: 11,
      });
      expect(await chunkRows(id)).toBe(12);
      // Two different chunks raced under one seq: one is stored, the other refused, and only the
      // stored one's bytes remain.
      const [a, b] = await Promise.all(
        [1, 2].map((v) => putChunk(s.p.T0001, id, 12, at(12 * 400), pcm(400, 100 + v))),
      );
      expect([a.status, b.status].sort()).toEqual([201, 409]);
      expect([a, b].find((r) => r.status === 409)!.body.message).toMatch(
        /seq 12 is already stored/,
      );
      const files = await storage.list(chunksFolder({ ...(await view(id)), id }));
      expect(files).toHaveLength(13);
      expect(await chunkRows(id)).toBe(13);
    });
  });
});
