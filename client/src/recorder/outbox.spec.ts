import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ChunkUploadQuery, CreateTrackRequest } from '../../../src/games/common/recording';
import { Outbox } from './outbox';
import { RecordingApi, type FetchFn } from './recording-api';
import { Uploader, type UploadIdentity } from './uploader';

const ALICE: UploadIdentity = { participantId: 'participant-alice', token: 'token-alice' };
const BOB: UploadIdentity = { participantId: 'participant-bob', token: 'token-bob' };
const REQUEST: CreateTrackRequest = { kind: 'mic', sampleRate: 44100, channels: 1, label: 'mic' };

let dbCount = 0;
const opened: Outbox[] = [];

/** A fresh database per test (the same name again = the same browser after a reload). */
function newDbName(): string {
  return `ozlab-recorder-test-${++dbCount}`;
}

async function openOutbox(name: string): Promise<Outbox> {
  const outbox = await Outbox.open(name);
  opened.push(outbox);
  return outbox;
}

function query(segment: number, startSample: number): ChunkUploadQuery {
  return {
    segment,
    startSample,
    sampleRate: 44100,
    contextTime: startSample / 44100,
    captureMs: 1_000 + startSample / 44.1,
    clockId: 'clock-1',
  };
}

function pcm(fill: number, frames = 4): ArrayBuffer {
  return new Int16Array(frames).fill(fill).buffer;
}

async function queueTrack(outbox: Outbox, who: UploadIdentity, trackId: string, chunks: number) {
  await outbox.addTrack(who.participantId, trackId, REQUEST);
  const { segment } = await outbox.beginSegment(trackId);
  for (let i = 0; i < chunks; i++) await outbox.appendChunk(trackId, query(segment, i * 4), pcm(i));
}

interface Call {
  method: string;
  path: string;
  search: URLSearchParams;
  auth: string | null;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response> | 'network-error';

/** A fake `fetch` that records every call and answers with `handler` (default: all fine). */
function fakeServer(handler: Handler = () => ok()) {
  const calls: Call[] = [];
  const fetchFn: FetchFn = async (input, init = {}) => {
    const url = new URL(input, 'http://localhost');
    const headers = new Headers(init.headers);
    const body =
      init.body instanceof ArrayBuffer
        ? Array.from(new Int16Array(init.body))
        : typeof init.body === 'string'
          ? (JSON.parse(init.body) as unknown)
          : undefined;
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      search: url.searchParams,
      auth: headers.get('Authorization'),
      body,
    };
    calls.push(call);
    const answer = await handler(call);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer;
  };
  return { calls, fetchFn };
}

function ok(status = 201, body: unknown = { duplicate: false }): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function refuse(status: number, message: string): Response {
  return new Response(JSON.stringify({ statusCode: status, message }), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function makeUploader(
  outbox: Outbox,
  fetchFn: FetchFn,
  identity: () => UploadIdentity | null = () => ALICE,
) {
  return new Uploader({
    outbox,
    api: new RecordingApi({ fetch: fetchFn, token: () => null }),
    identity,
    baseDelayMs: 5,
    maxDelayMs: 20,
    events: null,
  });
}

const chunkCalls = (calls: Call[]) => calls.filter((c) => c.path.includes('/chunks/'));

afterEach(() => {
  for (const outbox of opened.splice(0)) outbox.close();
});

describe('Outbox', () => {
  it('keeps the queue across a reload (a new Outbox on the same database)', async () => {
    const name = newDbName();
    const first = await openOutbox(name);
    await queueTrack(first, ALICE, 'track-1', 3);
    first.close();

    const second = await openOutbox(name);
    expect(await second.chunkKeys(ALICE.participantId)).toEqual([
      ['track-1', 0],
      ['track-1', 1],
      ['track-1', 2],
    ]);
    const chunk = await second.getChunk('track-1', 2);
    expect(chunk?.query).toEqual(query(0, 8));
    expect(Array.from(new Int16Array(chunk!.bytes))).toEqual([2, 2, 2, 2]);
    expect(await second.getTrack('track-1')).toMatchObject({
      nextSeq: 3,
      nextSegment: 1,
      pendingChunks: 3,
      pendingBytes: 24,
      createdOnServer: false,
    });
    expect(await second.summary(ALICE.participantId)).toEqual({
      tracks: 1,
      tracksToCreate: 1,
      chunksPending: 3,
      bytesPending: 24,
      clockBatchesPending: 0,
      rejected: 0,
    });
  });

  it('gives concurrent appends distinct, consecutive seqs', async () => {
    const outbox = await openOutbox(newDbName());
    await outbox.addTrack(ALICE.participantId, 'track-1', REQUEST);
    const seqs = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => outbox.appendChunk('track-1', query(0, i * 4), pcm(i))),
    );
    expect([...seqs].sort()).toEqual([0, 1, 2, 3, 4]);
    expect((await outbox.getTrack('track-1'))?.nextSeq).toBe(5);
  });

  it('resumes a track with the next segment and never goes back below the server seq', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 2);
    expect(await outbox.beginSegment('track-1')).toEqual({ segment: 1, nextSeq: 2 });
    expect(await outbox.beginSegment('track-1', 7)).toEqual({ segment: 2, nextSeq: 7 });
    expect(await outbox.appendChunk('track-1', query(2, 0), pcm(9))).toBe(7);
  });

  it("refuses another participant's track", async () => {
    const outbox = await openOutbox(newDbName());
    await outbox.addTrack(ALICE.participantId, 'track-1', REQUEST);
    await expect(outbox.addTrack(BOB.participantId, 'track-1', REQUEST)).rejects.toThrow(
      /another participant/,
    );
  });

  it('splits clock samples into batches the server accepts', async () => {
    const outbox = await openOutbox(newDbName());
    const samples = Array.from({ length: 450 }, (_, i) => ({
      clientSendMs: i,
      serverMs: 1e12 + i,
      clientRecvMs: i + 1,
    }));
    await outbox.addClockSamples(ALICE.participantId, { clockId: 'c', samples });
    const batches = await outbox.listClockBatches(ALICE.participantId);
    expect(batches.map((b) => b.request.samples.length)).toEqual([200, 200, 50]);
    expect(await outbox.listClockBatches(BOB.participantId)).toEqual([]);
  });
});

describe('Uploader', () => {
  it('creates the track, then uploads the chunks in seq order, then the clock samples', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 4);
    await outbox.addClockSamples(ALICE.participantId, {
      clockId: 'clock-1',
      timeOrigin: 1.7e12,
      samples: [{ clientSendMs: 1, serverMs: 2, clientRecvMs: 3 }],
    });
    const server = fakeServer();
    const uploader = makeUploader(outbox, server.fetchFn);

    await expect(uploader.drain()).resolves.toBe('done');

    const [create, ...rest] = server.calls;
    expect(create).toMatchObject({ method: 'PUT', path: '/api/recordings/track-1', body: REQUEST });
    expect(create.auth).toBe('Bearer token-alice');
    const chunks = chunkCalls(rest);
    expect(chunks.map((c) => c.path)).toEqual(
      [0, 1, 2, 3].map((s) => `/api/recordings/track-1/chunks/${s}`),
    );
    expect(Object.fromEntries(chunks[2].search)).toEqual({
      segment: '0',
      startSample: '8',
      sampleRate: '44100',
      contextTime: String(8 / 44100),
      captureMs: String(1_000 + 8 / 44.1),
      clockId: 'clock-1',
    });
    expect(chunks[2].body).toEqual([2, 2, 2, 2]);
    expect(server.calls.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/clock/samples',
      body: { clockId: 'clock-1', timeOrigin: 1.7e12, samples: [{ clientSendMs: 1 }] },
    });

    expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
    expect(await outbox.getTrack('track-1')).toMatchObject({
      createdOnServer: true,
      pendingChunks: 0,
    });
    expect(uploader.status).toMatchObject({ idle: true, chunksPending: 0, rejected: 0 });
    expect(uploader.status.lastAckAt).toEqual(expect.any(Number));
  });

  it('does not lose a chunk that arrives while a drain finishes', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 1);
    const server = fakeServer();
    const uploader = makeUploader(outbox, server.fetchFn);
    // Hold the drain at its last step (the status refresh after the passes).
    const refresh = uploader.refreshStatus.bind(uploader);
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve) => (reached = resolve));
    let released = false;
    uploader.refreshStatus = () => {
      // Every refresh after the upload waits, the one the drain awaits at its end included.
      if (released || chunkCalls(server.calls).length === 0) return refresh();
      reached();
      return gate.then(refresh);
    };
    uploader.start();
    await held;
    // Let the pass end: the drain is now waiting on its last refresh.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The next chunk is cut while that drain is still finishing.
    expect(await outbox.appendChunk('track-1', query(0, 4), pcm(1))).toBe(1);
    released = true;
    release();
    await expect
      .poll(async () => (await outbox.chunkKeys(ALICE.participantId)).length, { timeout: 2_000 })
      .toBe(0);
    expect(chunkCalls(server.calls).map((c) => c.path.split('/').at(-1))).toEqual(['0', '1']);
    uploader.stop();
  });

  it('removes a chunk acknowledged as a duplicate', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 1);
    const server = fakeServer((call) =>
      call.path.includes('/chunks/') ? ok(200, { duplicate: true }) : ok(200),
    );
    await expect(makeUploader(outbox, server.fetchFn).drain()).resolves.toBe('done');
    expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
  });

  it('keeps everything on a network error and uploads it once the network is back', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 2);
    let online = false;
    const server = fakeServer(() => (online ? ok() : 'network-error'));
    const uploader = makeUploader(outbox, server.fetchFn);

    await expect(uploader.drain()).resolves.toBe('retry');
    expect(await outbox.chunkKeys(ALICE.participantId)).toHaveLength(2);
    expect(uploader.status.lastError).toMatch(/Cannot reach the server/);

    online = true;
    uploader.start(); // Its backoff timer retries without being asked.
    await vi.waitFor(async () => {
      expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
    });
    expect(chunkCalls(server.calls).map((c) => c.path.split('/').at(-1))).toEqual(['0', '1']);
    uploader.stop();
  });

  it('retries on 5xx, 429 and 401 without dropping anything, and reports the login problem', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 1);
    for (const status of [503, 429, 401]) {
      const server = fakeServer((call) =>
        call.path.includes('/chunks/') ? refuse(status, 'not now') : ok(),
      );
      const uploader = makeUploader(outbox, server.fetchFn);
      await expect(uploader.drain()).resolves.toBe('retry');
      expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([['track-1', 0]]);
      expect(uploader.status.authProblem).toBe(status === 401);
    }
    expect((await outbox.summary(ALICE.participantId)).rejected).toBe(0);
  });

  it('creates the track again when the server answers 404 to a chunk', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 1);
    let creates = 0;
    const server = fakeServer((call) => {
      if (!call.path.includes('/chunks/')) {
        creates++;
        return ok();
      }
      return creates < 2 ? refuse(404, 'Unknown track') : ok();
    });
    const uploader = makeUploader(outbox, server.fetchFn);
    await expect(uploader.drain()).resolves.toBe('retry');
    expect((await outbox.getTrack('track-1'))?.createdOnServer).toBe(false);
    await expect(uploader.drain()).resolves.toBe('done');
    expect(creates).toBe(2);
    expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
  });

  it('moves a chunk refused with 409 to rejected, with the message, and goes on', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 3);
    const server = fakeServer((call) =>
      call.path.endsWith('/chunks/1') ? refuse(409, 'Another chunk has seq 1') : ok(),
    );
    const uploader = makeUploader(outbox, server.fetchFn);
    await expect(uploader.drain()).resolves.toBe('done');

    expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
    const rejected = await outbox.listRejected(ALICE.participantId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      kind: 'chunk',
      trackId: 'track-1',
      seq: 1,
      status: 409,
      message: 'Another chunk has seq 1',
    });
    expect(uploader.status).toMatchObject({ rejected: 1, idle: true });
    expect((await outbox.getTrack('track-1'))?.rejectedChunks).toBe(1);
    // Not retried.
    await uploader.drain();
    expect(chunkCalls(server.calls).filter((c) => c.path.endsWith('/chunks/1'))).toHaveLength(1);
  });

  it('moves a refused track and all its chunks to rejected', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 2);
    const server = fakeServer(() => refuse(409, 'Track exists with other parameters'));
    await expect(makeUploader(outbox, server.fetchFn).drain()).resolves.toBe('done');

    expect(chunkCalls(server.calls)).toEqual([]);
    const rejected = await outbox.listRejected(ALICE.participantId);
    expect(rejected.map((r) => r.kind).sort()).toEqual(['chunk', 'chunk', 'track']);
    expect((await outbox.getTrack('track-1'))?.rejected).toEqual({
      status: 409,
      message: 'Track exists with other parameters',
    });
    // Later chunks of the refused track are kept as rejected too, never uploaded.
    await outbox.appendChunk('track-1', query(0, 8), pcm(5));
    expect(await outbox.listRejected(ALICE.participantId)).toHaveLength(4);
  });

  it("uploads only the logged-in participant's queue, with their token", async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-alice', 2);
    await queueTrack(outbox, BOB, 'track-bob', 1);
    const server = fakeServer();
    let who: UploadIdentity | null = BOB;
    const uploader = makeUploader(outbox, server.fetchFn, () => who);

    await expect(uploader.drain()).resolves.toBe('done');
    expect(server.calls.every((c) => c.auth === 'Bearer token-bob')).toBe(true);
    expect(server.calls.some((c) => c.path.includes('track-alice'))).toBe(false);
    expect(await outbox.chunkKeys(ALICE.participantId)).toHaveLength(2);
    expect(uploader.status).toMatchObject({ participantId: BOB.participantId, idle: true });

    who = null; // Logged out: nothing is sent.
    await expect(uploader.drain()).resolves.toBe('no-participant');

    who = ALICE;
    server.calls.length = 0;
    await expect(uploader.drain()).resolves.toBe('done');
    expect(server.calls.every((c) => c.auth === 'Bearer token-alice')).toBe(true);
    expect(await outbox.chunkKeys(ALICE.participantId)).toEqual([]);
  });

  it('keeps at most 3 chunk uploads in flight', async () => {
    const outbox = await openOutbox(newDbName());
    await queueTrack(outbox, ALICE, 'track-1', 8);
    let inFlight = 0;
    let most = 0;
    const server = fakeServer(async (call) => {
      if (!call.path.includes('/chunks/')) return ok();
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return ok();
    });
    await expect(makeUploader(outbox, server.fetchFn).drain()).resolves.toBe('done');
    expect(most).toBe(3);
    expect(chunkCalls(server.calls)).toHaveLength(8);
  });
});
