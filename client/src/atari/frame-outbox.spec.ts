import 'fake-indexeddb/auto';

import { afterEach, describe, expect, it } from 'vitest';

import type { FrameRecord } from '../../../src/games/common/atari-frames';
import { FrameApi, type FetchFn } from './frame-api';
import { FrameOutbox } from './frame-outbox';
import { FrameUploader, type FrameUploadIdentity } from './frame-uploader';

const ALICE: FrameUploadIdentity = { participantId: 'participant-alice', token: 'token-alice' };
const BOB: FrameUploadIdentity = { participantId: 'participant-bob', token: 'token-bob' };
const EPISODE = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

let dbCount = 0;
const opened: FrameOutbox[] = [];
const uploaders: FrameUploader[] = [];

afterEach(() => {
  for (const uploader of uploaders.splice(0)) uploader.stop();
  for (const outbox of opened.splice(0)) outbox.close();
});

/** A fresh database per test (the same name again = the same browser after a reload). */
function newDbName(): string {
  return `ozlab-frames-test-${++dbCount}`;
}

async function openOutbox(name: string): Promise<FrameOutbox> {
  const outbox = await FrameOutbox.open(name);
  opened.push(outbox);
  return outbox;
}

function frames(from: number, count: number): FrameRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    frame: from + i,
    action: 0,
    joystick: 0,
    reward: 0,
    score: 0,
    lives: 3,
    terminal: false,
    emuMs: ((from + i) * 1000) / 60,
    clientMs: 1.7e12 + ((from + i) * 1000) / 60,
  }));
}

interface Call {
  method: string;
  path: string;
  auth: string | null;
  body: { frames?: FrameRecord[]; outcome?: string } & Record<string, unknown>;
}

type Handler = (call: Call) => Response | 'network-error';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

/** A fake server: records every call, answers with `handler` (default: all stored). */
function fakeServer(handler: Handler = () => json(201, { status: 'stored' })) {
  const calls: Call[] = [];
  const fetchFn: FetchFn = async (input, init = {}) => {
    const url = new URL(input, 'http://localhost');
    const call: Call = {
      method: init.method ?? 'GET',
      path: url.pathname,
      auth: new Headers(init.headers).get('Authorization'),
      body: JSON.parse(init.body as string) as Call['body'],
    };
    calls.push(call);
    const answer = handler(call);
    if (answer === 'network-error') throw new TypeError('Failed to fetch');
    return answer;
  };
  return { calls, fetchFn };
}

function uploaderFor(
  outbox: FrameOutbox,
  fetchFn: FetchFn,
  identity: () => FrameUploadIdentity | null = () => ALICE,
) {
  const uploader = new FrameUploader({
    outbox,
    api: new FrameApi({ fetch: fetchFn, token: () => identity()?.token ?? null }),
    identity,
    baseDelayMs: 1,
    maxDelayMs: 5,
    events: null,
  });
  uploaders.push(uploader);
  return uploader;
}

/** Drains until the uploader reports done (retries are immediate here). */
async function drainUntilDone(uploader: FrameUploader, attempts = 20) {
  for (let i = 0; i < attempts; i++) {
    if ((await uploader.drain()) === 'done') return;
  }
  throw new Error('the uploader did not finish');
}

async function playEpisode(outbox: FrameOutbox, episodeId: string, batches: number, last = 60) {
  await outbox.addEpisode(ALICE.participantId, { episodeId, sessionId: 's1', practice: false });
  for (let i = 0; i < batches; i++) {
    await outbox.appendBatch(episodeId, frames(i * 60, i === batches - 1 ? last : 60));
  }
}

describe('FrameOutbox', () => {
  it('stores batches under consecutive seqs and keeps the counters', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 3, 25);
    expect(await outbox.batchKeys(ALICE.participantId)).toEqual([
      [EPISODE, 0],
      [EPISODE, 1],
      [EPISODE, 2],
    ]);
    expect(await outbox.getEpisode(EPISODE)).toMatchObject({ nextFrame: 145, nextSeq: 3 });
    await expect(outbox.appendBatch(EPISODE, frames(150, 10))).rejects.toThrow(/expected 145/);
    expect(await outbox.requestEnd(EPISODE, 'game-over')).toEqual({
      frames: 145,
      outcome: 'game-over',
    });
    // The first end stays.
    expect(await outbox.requestEnd(EPISODE, 'quit')).toEqual({ frames: 145, outcome: 'game-over' });
    await expect(outbox.appendBatch(EPISODE, frames(145, 1))).rejects.toThrow(/ended/);
    expect(await outbox.summary(ALICE.participantId)).toEqual({
      batchesPending: 3,
      endsPending: 1,
      episodes: 1,
      rejected: 0,
    });
    expect(await outbox.summary(BOB.participantId)).toMatchObject({ batchesPending: 0 });
  });

  it('remembers the audio tracks of a session, per participant', async () => {
    const outbox = await openOutbox(newDbName());
    await outbox.addSessionTrack(ALICE.participantId, 's1', 'track-mic');
    await outbox.addSessionTrack(ALICE.participantId, 's1', 'track-game');
    await outbox.addSessionTrack(ALICE.participantId, 's1', 'track-mic');
    expect(await outbox.sessionTracks(ALICE.participantId, 's1')).toEqual([
      'track-mic',
      'track-game',
    ]);
    expect(await outbox.sessionTracks(BOB.participantId, 's1')).toEqual([]);
  });
});

describe('FrameUploader', () => {
  it('uploads the batches in seq order, then ends the episode, and empties the outbox', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 3, 25);
    await outbox.requestEnd(EPISODE, 'time-up');
    const server = fakeServer((call) =>
      call.path.endsWith('/end') ? json(200, { id: EPISODE }) : json(201, { status: 'stored' }),
    );
    const uploader = uploaderFor(outbox, server.fetchFn);
    await drainUntilDone(uploader);

    expect(server.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      `PUT /api/atari/episodes/${EPISODE}/batches/0`,
      `PUT /api/atari/episodes/${EPISODE}/batches/1`,
      `PUT /api/atari/episodes/${EPISODE}/batches/2`,
      `POST /api/atari/episodes/${EPISODE}/end`,
    ]);
    expect(server.calls[0].auth).toBe('Bearer token-alice');
    expect(server.calls[1].body.frames?.map((f) => f.frame)).toEqual(
      Array.from({ length: 60 }, (_, i) => 60 + i),
    );
    expect(server.calls[3].body).toEqual({ frames: 145, outcome: 'time-up' });
    expect(await outbox.summary(ALICE.participantId)).toEqual({
      batchesPending: 0,
      endsPending: 0,
      episodes: 0,
      rejected: 0,
    });
    await uploader.refreshStatus();
    expect(uploader.status).toMatchObject({ idle: true, batchesPending: 0, lastError: null });
  });

  it('retries network errors and 5xx with backoff, keeping the order; a duplicate is an ack', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 2);
    let failures = 0;
    const server = fakeServer((call) => {
      if (call.path.endsWith('/batches/1') && failures < 3) {
        failures++;
        return failures === 1 ? 'network-error' : json(503, { message: 'Busy' });
      }
      // Batch 0 was stored before (a retry after a lost answer): 200 duplicate.
      if (call.path.endsWith('/batches/0')) return json(200, { status: 'duplicate' });
      return json(201, { status: 'stored' });
    });
    const uploader = uploaderFor(outbox, server.fetchFn);
    expect(await uploader.drain()).toBe('retry');
    await uploader.refreshStatus();
    expect(uploader.status.lastError).toBe('Cannot reach the server');
    expect(uploader.status.batchesPending).toBe(1);
    await drainUntilDone(uploader);
    expect(server.calls.map((c) => c.path.split('/').pop())).toEqual(['0', '1', '1', '1', '1']);
    expect(await outbox.batchKeys(ALICE.participantId)).toEqual([]);
  });

  it('moves a refused batch to rejected and goes on', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 2);
    const server = fakeServer((call) =>
      call.path.endsWith('/batches/0')
        ? json(400, { message: 'frames.3.frame: must be 3', errors: [{ reason: 'bad' }] })
        : json(201, {}),
    );
    const uploader = uploaderFor(outbox, server.fetchFn);
    await drainUntilDone(uploader);
    const rejected = await outbox.listRejected(ALICE.participantId);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({
      kind: 'batch',
      episodeId: EPISODE,
      seq: 0,
      status: 400,
      message: 'frames.3.frame: must be 3',
    });
    expect(await outbox.batchKeys(ALICE.participantId)).toEqual([]);
    await uploader.refreshStatus();
    expect(uploader.status).toMatchObject({ rejected: 1, idle: true });
  });

  it('retries an end answered 409 (frames missing) a few times, then refuses it', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 1, 30);
    await outbox.requestEnd(EPISODE, 'game-over');
    let ends = 0;
    const server = fakeServer((call) => {
      if (!call.path.endsWith('/end')) return json(201, {});
      ends++;
      if (ends < 3) {
        return json(409, {
          message: 'Episode: 0 of 30 frames stored; missing 0–29',
          errors: [{ field: 'frames', reason: 'missing 0–29' }],
        });
      }
      return json(200, {});
    });
    const uploader = uploaderFor(outbox, server.fetchFn);
    await drainUntilDone(uploader);
    expect(ends).toBe(3);
    expect(await outbox.getEpisode(EPISODE)).toBeUndefined();
    expect(await outbox.listRejected(ALICE.participantId)).toEqual([]);

    // An end that keeps failing is refused after maxEndConflicts (5) and shown as rejected.
    await playEpisode(outbox, OTHER, 1, 10);
    await outbox.requestEnd(OTHER, 'quit');
    const stuck = fakeServer((call) =>
      call.path.endsWith('/end')
        ? json(409, { message: 'missing', errors: [{ field: 'frames', reason: 'missing 0–9' }] })
        : json(201, {}),
    );
    await drainUntilDone(uploaderFor(outbox, stuck.fetchFn));
    expect(stuck.calls.filter((c) => c.path.endsWith('/end'))).toHaveLength(5);
    expect(await outbox.listRejected(ALICE.participantId)).toMatchObject([
      { kind: 'end', episodeId: OTHER, end: { frames: 10, outcome: 'quit' }, status: 409 },
    ]);
  });

  it('resumes after a reload: uploads what is pending and ends a quit episode', async () => {
    const name = newDbName();
    const before = await openOutbox(name);
    await playEpisode(before, EPISODE, 3, 60);
    // The first batch made it before the reload; the page died with two batches pending.
    const first = fakeServer(() => 'network-error');
    const dead = uploaderFor(before, first.fetchFn);
    expect(await dead.drain()).toBe('retry');
    dead.stop();
    before.close();

    // The reloaded page: the same database, the episode still running on the server.
    const after = await openOutbox(name);
    const episode = await after.getEpisode(EPISODE);
    expect(episode).toMatchObject({ nextFrame: 180, nextSeq: 3, end: null });
    await after.requestEnd(EPISODE, 'quit');
    const server = fakeServer((call) =>
      call.path.endsWith('/end') ? json(200, {}) : json(201, {}),
    );
    const uploader = uploaderFor(after, server.fetchFn).start();
    await expect
      .poll(async () => (await after.summary(ALICE.participantId)).episodes, { timeout: 2_000 })
      .toBe(0);
    expect(server.calls.map((c) => c.path.split('/').pop())).toEqual(['0', '1', '2', 'end']);
    expect(server.calls.at(-1)!.body).toEqual({ frames: 180, outcome: 'quit' });
    uploader.stop();
  });

  it('does not lose work that arrives while a drain finishes', async () => {
    const outbox = await openOutbox(newDbName());
    const server = fakeServer((call) =>
      call.path.endsWith('/end') ? json(200, {}) : json(201, {}),
    );
    const uploader = uploaderFor(outbox, server.fetchFn);
    // Hold the drain at its last step (the status refresh after the passes).
    const refresh = uploader.refreshStatus.bind(uploader);
    let release!: () => void;
    let reached!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const held = new Promise<void>((resolve) => (reached = resolve));
    let hold = true;
    uploader.refreshStatus = () => {
      if (!hold) return refresh();
      hold = false;
      reached();
      return gate.then(refresh);
    };
    uploader.start();
    await held;
    // A whole game is stored and ended while that drain is still finishing.
    await playEpisode(outbox, EPISODE, 1, 30);
    await outbox.requestEnd(EPISODE, 'game-over');
    release();
    await expect
      .poll(async () => (await outbox.summary(ALICE.participantId)).episodes, { timeout: 2_000 })
      .toBe(0);
    expect(server.calls.map((c) => c.path.split('/').pop())).toEqual(['0', 'end']);
  });

  it('uploads only the logged-in participant’s items, with their token', async () => {
    const outbox = await openOutbox(newDbName());
    await playEpisode(outbox, EPISODE, 1);
    let who: FrameUploadIdentity | null = null;
    const server = fakeServer();
    const uploader = uploaderFor(outbox, server.fetchFn, () => who);
    expect(await uploader.drain()).toBe('no-participant');
    who = BOB;
    await drainUntilDone(uploader);
    expect(server.calls).toEqual([]);
    who = ALICE;
    await drainUntilDone(uploader);
    expect(server.calls.map((c) => c.auth)).toEqual(['Bearer token-alice']);
  });
});
