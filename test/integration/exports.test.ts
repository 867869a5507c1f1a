import { createHash, randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParticipantLoginResponse } from '../../src/games/common/api.js';
import type { SampleTimeMapping } from '../../src/games/common/recording.js';
import { Action } from '../../src/games/robotaxi/types.js';
import type { ExportManifest } from '../../src/modules/exports/export-manifest.js';
import { RecordingEntity } from '../../src/modules/recordings/recording.entity.js';
import type { AtariSessionExport } from '../../src/modules/sessions/session-export.service.js';
import type { OzlabRobotaxiExport } from '../../src/modules/sessions/robotaxi-export.js';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { playTestRom } from '../support/atari-play.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { parseWav } from '../support/audio.js';
import {
  chunkAt,
  createTrack,
  downloadWav,
  otherResearcher,
  type ParticipantHandle,
  pcm,
  postClockSamples,
  putChunk,
} from '../support/recording-fixture.js';
import { Player } from '../support/robotaxi-player.js';
import { unzip, type UnzippedEntry } from '../support/zip.js';

const RATE = 8000;

/** A RoboTaxi level without bombs, and a short study (as the gateway tests play it). */
const TAXI_CONFIG = {
  consentText: 'We record your voice.',
  instructions: 'Speak to the rover.',
  stepMs: 60,
  stepLimit: 6,
  rounds: 1,
  bombCountdownMs: 100,
  roundCountdownMs: 100,
  disconnectGraceS: 5,
  level: {
    grid: [
      '#########',
      '#.......#',
      '#.......#',
      '#...A...#',
      '#.......#',
      '#.......#',
      '#......S#',
      '#########',
    ],
  },
};

interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The JSON error body of a refused export. */
  json: { message: string; errors?: { field: string; reason: string }[] } | null;
}

async function download(api: ApiClient, path: string, body?: unknown): Promise<Download> {
  const res = await fetch(`${api.baseUrl}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${api.token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = res.headers.get('content-type')?.includes('application/json')
    ? (JSON.parse(bytes.toString()) as Download['json'])
    : null;
  return { status: res.status, headers: res.headers, bytes, json };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Unzips an export, checks the manifest against every entry, and indexes the entries by path. */
async function openExport(res: Download) {
  expect(res.status, res.json?.message).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/zip');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ozlab-.+\.zip"/);
  const entries = await unzip(res.bytes);
  const last = entries.at(-1)!;
  expect(last.name).toBe('manifest.json');
  const manifest = JSON.parse(last.data.toString()) as ExportManifest;
  expect(manifest.format).toBe('ozlab.export/1');
  expect(manifest.files.map((f) => f.path)).toEqual(entries.slice(0, -1).map((e) => e.name));
  for (const [i, file] of manifest.files.entries()) {
    expect(file.bytes, file.path).toBe(entries[i].data.length);
    expect(file.sha256, file.path).toBe(sha256(entries[i].data));
  }
  const byPath = new Map<string, UnzippedEntry>(entries.map((e) => [e.name, e]));
  const text = (path: string) => {
    const entry = byPath.get(path);
    if (!entry) throw new Error(`no ${path} in ${[...byPath.keys()].join(', ')}`);
    return entry.data.toString('utf8');
  };
  const summary = parse<Record<string, string>>(text('summary.csv'), { columns: true });
  return { entries, byPath, manifest, text, summary, names: entries.map((e) => e.name) };
}

const withoutExportedAt = (value: unknown) => {
  const { exportedAt: _, ...rest } = value as { exportedAt?: string };
  return rest;
};

/** Seconds of a mapped track of `samples` that overlap [start, end]. */
function overlapS(mapping: SampleTimeMapping, samples: number, start: string, end: string | null) {
  const from = Math.max(mapping.interceptMs, Date.parse(start));
  const to = Math.min(
    mapping.interceptMs + mapping.msPerSample * samples,
    end ? Date.parse(end) : Infinity,
  );
  return Math.max(0, to - from) / 1000;
}

async function login(t: TestApp, slug: string, code: string): Promise<ParticipantHandle> {
  const res = await new ApiClient(t.baseUrl).post<ParticipantLoginResponse>('/participant/login', {
    study: slug,
    participantId: code,
  });
  if (res.status !== 200) throw new Error(`login ${code}: ${JSON.stringify(res.body)}`);
  const api = new ApiClient(t.baseUrl, res.body.token);
  await api.post('/participant/consent', { agree: true });
  return { id: res.body.participant.id, code, api };
}

/** Records `seconds` of PCM on a new track (chunks of half a second) and finalizes it. */
async function recordTrack(
  who: ParticipantHandle,
  body: Record<string, unknown>,
  seconds: number,
  captureMs = 1000,
  clockId = randomUUID(),
): Promise<string> {
  const track = await createTrack(who, { sampleRate: RATE, channels: 1, ...body });
  expect(track.status, JSON.stringify(track.body)).toBe(201);
  const at = chunkAt(RATE, clockId);
  const half = RATE / 2;
  for (let seq = 0; seq < seconds * 2; seq++) {
    const res = await putChunk(
      who,
      track.trackId,
      seq,
      at(seq * half, { captureMs: captureMs + seq * 500 }),
      pcm(half, seq + 1),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const done = await who.api.post<{ status: string }>(`/recordings/${track.trackId}/finalize`);
  expect(done.body.status).toBe('finalized');
  return track.trackId;
}

describe('Exports: streamed ZIPs of a session, a study and a selection', () => {
  let t: TestApp;
  let admin: ApiClient;
  let stranger: ApiClient;
  let atari: AtariStudy;
  let atariSessionId: string;
  const atariEpisodes: { id: string; frames: number; practice: boolean }[] = [];
  let atariMic: string;
  let atariGameTrack: string;
  let taxiStudyId: string;
  let taxiSessionId: string;
  let taxiMic: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await new ApiClient(t.baseUrl).loginResearcher();
    stranger = await otherResearcher(t, admin, 'stranger@test.local');

    // An Atari demonstration: a practice game and a real one, a mic track for the real one, and
    // a game-sound track left recording.
    atari = await setupAtariStudy(t.baseUrl, 'export-atari', 'D0001-D0001');
    const d1 = await login(t, atari.slug, 'D0001');
    for (const [practice, length] of [
      [true, 90],
      [false, 200],
    ] as const) {
      const started = await d1.api.post<{ id: string; seed: number; sessionId: string }>(
        '/atari/episodes',
        { practice },
      );
      expect(started.status, JSON.stringify(started.body)).toBe(201);
      const frames = await playTestRom({ seed: started.body.seed, frames: length });
      for (let seq = 0; seq * 60 < frames.length; seq++) {
        const res = await d1.api.put(`/atari/episodes/${started.body.id}/batches/${seq}`, {
          frames: frames.slice(seq * 60, seq * 60 + 60),
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
      const ended = await d1.api.post(`/atari/episodes/${started.body.id}/end`, {
        frames: frames.length,
        outcome: 'game-over',
      });
      expect(ended.status, JSON.stringify(ended.body)).toBe(200);
      atariEpisodes.push({ id: started.body.id, frames: length, practice });
    }
    const view = await d1.api.get<{ sessionId: string }>('/atari/session');
    atariSessionId = view.body.sessionId;
    const real = atariEpisodes[1].id;
    atariMic = await recordTrack(
      d1,
      { kind: 'mic', sessionId: atariSessionId, episodeId: real, label: 'Headset mic' },
      2,
    );
    const game = await createTrack(d1, {
      kind: 'game',
      sampleRate: RATE,
      channels: 1,
      sessionId: atariSessionId,
    });
    atariGameTrack = game.trackId;
    // The determinism check runs in the background: wait for it, so exports agree on `verified`.
    await vi.waitFor(
      async () => {
        for (const { id } of atariEpisodes) {
          const episode = await admin.get<{ verification: unknown }>(`/episodes/${id}`);
          if (episode.body.verification === null) throw new Error(`episode ${id} not checked yet`);
        }
      },
      { timeout: 60_000, interval: 250 },
    );

    // A RoboTaxi session played over the real protocol, with the teacher's mic placed on the
    // server clock (clock samples with no offset; the audio starts with the first episode).
    const study = await admin.post<{ id: string }>('/studies', {
      name: 'Export taxi',
      slug: 'export-taxi',
      kind: 'woz-robotaxi',
      config: TAXI_CONFIG,
    });
    expect(study.status, JSON.stringify(study.body)).toBe(201);
    taxiStudyId = study.body.id;
    await admin.post(`/studies/${taxiStudyId}/participants/range`, { range: 'T0001' });
    await admin.post(`/studies/${taxiStudyId}/participants/range`, { range: 'W0001' });
    const teacherHandle = await login(t, 'export-taxi', 'T0001');
    const wizardHandle = await login(t, 'export-taxi', 'W0001');
    const teacher = new Player(t.baseUrl, teacherHandle.api.token!);
    const wizard = new Player(t.baseUrl, wizardHandle.api.token!);
    try {
      await Promise.all([
        teacher.until((p) => p.joined !== null, 'teacher joined'),
        wizard.until((p) => p.joined !== null, 'wizard joined'),
      ]);
      wizard.hold(Action.RIGHT);
      await wizard.phase('feedback', 30_000);
      taxiSessionId = teacher.session!.sessionId;
    } finally {
      teacher.close();
      wizard.close();
    }
    const played = await admin.get<OzlabRobotaxiExport>(`/sessions/${taxiSessionId}/export`);
    const clockId = randomUUID();
    const now = Date.now() - 1000;
    await postClockSamples(teacherHandle, clockId, [
      { clientSendMs: now - 2, serverMs: now, clientRecvMs: now + 2 },
    ]);
    taxiMic = await recordTrack(
      teacherHandle,
      { kind: 'mic', sessionId: taxiSessionId },
      1,
      Date.parse(played.body.episodes[0].startedAt),
      clockId,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports an Atari session: its JSON, the per-episode formats, the WAV, a summary', async () => {
    const res = await download(admin, `/sessions/${atariSessionId}/export.zip`);
    const zip = await openExport(res);
    const dir = `sessions/${atariSessionId}`;
    const [practice, real] = atariEpisodes;
    const base = (i: number, id: string) => `${dir}/episodes/00${i}-${id}`;
    expect(zip.names).toEqual([
      `${dir}/session.json`,
      `${base(0, practice.id)}.agc.txt`,
      `${base(0, practice.id)}.trajectory.json`,
      `${base(1, real.id)}.agc.txt`,
      `${base(1, real.id)}.trajectory.json`,
      `${dir}/audio/D0001-Headset-mic-${atariMic}.wav`,
      'summary.csv',
      'manifest.json',
    ]);
    expect(Number(res.headers.get('x-export-files'))).toBe(zip.entries.length);
    expect(res.headers.get('content-disposition')).toContain(
      `ozlab-session-export-atari-${atariSessionId.slice(0, 8)}-`,
    );

    // session.json is the API's JSON export.
    const api = await admin.get<AtariSessionExport>(`/sessions/${atariSessionId}/export`);
    const json = JSON.parse(zip.text(`${dir}/session.json`)) as AtariSessionExport;
    expect(withoutExportedAt(json)).toEqual(withoutExportedAt(api.body));
    expect(json.episodes.map((e) => e.frames.length)).toEqual([90, 200]);

    // The per-episode files are byte for byte what the frames endpoint serves.
    for (const [i, episode] of atariEpisodes.entries()) {
      const agc = await fetch(`${t.baseUrl}/api/episodes/${episode.id}/frames?format=agc`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(zip.text(`${base(i, episode.id)}.agc.txt`)).toBe(await agc.text());
      expect(
        zip
          .text(`${base(i, episode.id)}.agc.txt`)
          .trim()
          .split('\n'),
      ).toHaveLength(episode.frames + 1);
      const trajectory = await fetch(
        `${t.baseUrl}/api/episodes/${episode.id}/frames?format=trajectory`,
        { headers: { authorization: `Bearer ${admin.token}` } },
      );
      expect(zip.text(`${base(i, episode.id)}.trajectory.json`)).toBe(await trajectory.text());
    }

    // The WAV is the stored one, stored uncompressed in the ZIP.
    const wavEntry = zip.byPath.get(`${dir}/audio/D0001-Headset-mic-${atariMic}.wav`)!;
    expect(wavEntry.compressionMethod).toBe(0);
    expect(wavEntry.data.equals(await downloadWav(t, admin, atariMic))).toBe(true);
    const wav = parseWav(wavEntry.data);
    expect(wav.sampleRate).toBe(RATE);
    expect(wav.samples.length).toBe(2 * RATE);

    // One summary row per episode; the mic counts whole for the episode it was recorded for.
    expect(zip.summary).toEqual(
      json.episodes.map((e) => ({
        study_id: atari.studyId,
        study: 'export-atari',
        session_id: atariSessionId,
        episode_id: e.id,
        episode_index: String(e.index),
        round: '',
        participants: 'D0001',
        game: e.game,
        start: e.startedAt,
        duration_s: String(Math.round(Date.parse(e.endedAt!) - Date.parse(e.startedAt)) / 1000),
        steps_or_frames: String(e.frames.length),
        score: String(e.score),
        outcome: 'game-over',
        status: e.status,
        practice: String(e.practice),
        verified: e.verified === null ? '' : String(e.verified),
        audio_s_demonstrator_mic: e.id === real.id ? '2' : '',
      })),
    );

    expect(zip.manifest).toMatchObject({
      createdBy: { email: 'admin@test.local', role: 'admin' },
      scope: { kind: 'session', sessionId: atariSessionId },
      counts: { sessions: 1, episodes: 2, tracks: 1 },
      errors: [],
      skippedTracks: [
        {
          sessionId: atariSessionId,
          trackId: atariGameTrack,
          participantCode: 'D0001',
          kind: 'game',
          status: 'recording',
          reason: 'still recording: not finalized',
        },
      ],
    });
    expect(zip.names).not.toContain('errors.txt');
  });

  it('exports a RoboTaxi session with its compat log and the teacher mic placed in time', async () => {
    const zip = await openExport(await download(admin, `/sessions/${taxiSessionId}/export.zip`));
    const dir = `sessions/${taxiSessionId}`;
    expect(zip.names).toEqual([
      `${dir}/session.json`,
      `${dir}/compat.json`,
      `${dir}/audio/T0001-mic-${taxiMic}.wav`,
      'summary.csv',
      'manifest.json',
    ]);
    const api = await admin.get<OzlabRobotaxiExport>(`/sessions/${taxiSessionId}/export`);
    const json = JSON.parse(zip.text(`${dir}/session.json`)) as OzlabRobotaxiExport;
    expect(withoutExportedAt(json)).toEqual(withoutExportedAt(api.body));
    const compat = await admin.get(`/sessions/${taxiSessionId}/export?format=compat`);
    expect(JSON.parse(zip.text(`${dir}/compat.json`))).toEqual(compat.body);
    expect(
      parseWav(zip.byPath.get(`${dir}/audio/T0001-mic-${taxiMic}.wav`)!.data).samples,
    ).toHaveLength(RATE);

    const mic = json.recordings.find((r) => r.id === taxiMic)!;
    expect(mic.mapping).not.toBeNull();
    expect(zip.summary.map((r) => r.episode_id)).toEqual(json.episodes.map((e) => e.id));
    for (const [i, e] of json.episodes.entries()) {
      const row = zip.summary[i];
      expect(row).toMatchObject({
        participants: 'T0001;W0001',
        game: 'robotaxi',
        round: String(e.round),
        steps_or_frames: String(e.steps.length),
        score: String(e.score),
        practice: String(e.practice),
        verified: '',
      });
      const expected = overlapS(mic.mapping!, RATE, e.startedAt, e.endedAt);
      expect(Math.abs(Number(row.audio_s_teacher_mic) - expected)).toBeLessThan(0.0015);
    }
    // The audio starts with the first episode, so part of it lies in that episode.
    expect(Number(zip.summary[0].audio_s_teacher_mic)).toBeGreaterThan(0);
  });

  it('exports a whole study, filtered by date and practice', async () => {
    const all = await openExport(await download(admin, `/studies/${atari.studyId}/export.zip`));
    expect(all.summary).toHaveLength(2);
    expect(all.manifest.scope).toEqual({
      kind: 'study',
      studyId: atari.studyId,
      from: null,
      to: null,
      includePractice: true,
    });

    const res = await download(
      admin,
      `/studies/${atari.studyId}/export.zip?includePractice=false&from=2020-01-01T00:00:00Z`,
    );
    const real = await openExport(res);
    expect(res.headers.get('content-disposition')).toMatch(/filename="ozlab-study-export-atari-/);
    expect(real.summary.map((r) => r.episode_id)).toEqual([atariEpisodes[1].id]);
    expect(real.names.filter((n) => n.includes('/episodes/'))).toEqual([
      expect.stringContaining(`${atariEpisodes[1].id}.agc.txt`),
      expect.stringContaining(`${atariEpisodes[1].id}.trajectory.json`),
    ]);
    expect(Number(res.headers.get('x-export-files'))).toBe(real.entries.length);

    // Nothing started after tomorrow: the ZIP holds an empty summary and the manifest.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    const none = await openExport(
      await download(admin, `/studies/${atari.studyId}/export.zip?from=${tomorrow}`),
    );
    expect(none.names).toEqual(['summary.csv', 'manifest.json']);
    expect(none.text('summary.csv').trim().split('\n')).toHaveLength(1);
  });

  it('exports a selection of sessions and episodes', async () => {
    const res = await download(admin, '/exports', {
      sessionIds: [taxiSessionId],
      episodeIds: [atariEpisodes[1].id],
    });
    const zip = await openExport(res);
    expect(res.headers.get('content-disposition')).toMatch(/filename="ozlab-selection-2-sessions-/);
    expect(zip.names).toEqual([
      `sessions/${taxiSessionId}/session.json`,
      `sessions/${taxiSessionId}/compat.json`,
      `sessions/${taxiSessionId}/audio/T0001-mic-${taxiMic}.wav`,
      `sessions/${atariSessionId}/session.json`,
      `sessions/${atariSessionId}/episodes/001-${atariEpisodes[1].id}.agc.txt`,
      `sessions/${atariSessionId}/episodes/001-${atariEpisodes[1].id}.trajectory.json`,
      `sessions/${atariSessionId}/audio/D0001-Headset-mic-${atariMic}.wav`,
      'summary.csv',
      'manifest.json',
    ]);
    const taxiRows = zip.summary.filter((r) => r.session_id === taxiSessionId);
    expect(taxiRows.length).toBeGreaterThan(0);
    expect(zip.summary.filter((r) => r.session_id === atariSessionId)).toEqual([
      expect.objectContaining({ episode_id: atariEpisodes[1].id, audio_s_demonstrator_mic: '2' }),
    ]);
    // Columns of both games' tracks; a cell without such a track is empty.
    expect(taxiRows[0].audio_s_demonstrator_mic).toBe('');
    expect(zip.summary.at(-1)!.audio_s_teacher_mic).toBe('');
    expect(zip.manifest.scope).toEqual({
      kind: 'selection',
      sessionIds: [taxiSessionId],
      episodeIds: [atariEpisodes[1].id],
    });
  });

  it('refuses a researcher without access to the study, for every kind of export', async () => {
    const session = await download(stranger, `/sessions/${atariSessionId}/export.zip`);
    expect(session.status).toBe(404);
    expect(session.json?.message).toContain(atariSessionId);
    expect((await download(stranger, `/studies/${atari.studyId}/export.zip`)).status).toBe(404);
    const unknown = randomUUID();
    const selection = await download(stranger, '/exports', {
      sessionIds: [unknown, taxiSessionId],
      episodeIds: [atariEpisodes[0].id],
    });
    expect(selection.status).toBe(404);
    expect(selection.json?.errors).toEqual([
      { field: 'sessionIds.0', reason: `session ${unknown} not found` },
      { field: 'sessionIds.1', reason: `session ${taxiSessionId} not found` },
      { field: 'episodeIds.0', reason: `episode ${atariEpisodes[0].id} not found` },
    ]);
    // The owner gets the same selection, unknown id aside.
    const own = await download(admin, '/exports', { sessionIds: [unknown, taxiSessionId] });
    expect(own.status).toBe(404);
    expect(own.json?.errors).toEqual([
      { field: 'sessionIds.0', reason: `session ${unknown} not found` },
    ]);
  });

  it('answers bad input with a 400 naming the field', async () => {
    const fields = async (res: Promise<Download>) => {
      const r = await res;
      expect(r.status).toBe(400);
      return r.json?.errors?.map((e) => e.field);
    };
    expect(await fields(download(admin, '/exports', {}))).toEqual(['sessionIds']);
    expect(await fields(download(admin, '/exports', { sessionIds: ['nope'] }))).toEqual([
      'sessionIds',
    ]);
    expect(await fields(download(admin, '/exports', { episodeIds: 'x' }))).toContain('episodeIds');
    const many = Array.from({ length: 1001 }, () => randomUUID());
    expect(await fields(download(admin, '/exports', { sessionIds: many }))).toEqual(['sessionIds']);
    expect(await fields(download(admin, '/exports', { sessionIds: [], extra: 1 }))).toEqual([
      'extra',
    ]);
    const study = `/studies/${atari.studyId}/export.zip`;
    expect(await fields(download(admin, `${study}?from=yesterday`))).toEqual(['from']);
    expect(await fields(download(admin, `${study}?includePractice=maybe`))).toEqual([
      'includePractice',
    ]);
    expect(
      await fields(download(admin, `${study}?from=2025-03-02&to=2025-03-01T00:00:00Z`)),
    ).toEqual(['to']);
    expect((await download(admin, '/sessions/not-a-uuid/export.zip')).status).toBe(400);
  });

  it('still finishes with errors.txt and a valid manifest when a WAV is missing from storage', async () => {
    const track = await t.app
      .get(DataSource)
      .getRepository(RecordingEntity)
      .findOneByOrFail({ id: taxiMic });
    await t.app.get(StorageService).delete(track.wavKey!);

    const res = await download(admin, `/sessions/${taxiSessionId}/export.zip`);
    const zip = await openExport(res);
    const wavPath = `sessions/${taxiSessionId}/audio/T0001-mic-${taxiMic}.wav`;
    expect(zip.names).toEqual([
      `sessions/${taxiSessionId}/session.json`,
      `sessions/${taxiSessionId}/compat.json`,
      'summary.csv',
      'errors.txt',
      'manifest.json',
    ]);
    // The count was planned with the WAV; errors.txt takes its place.
    expect(Number(res.headers.get('x-export-files'))).toBe(5);
    expect(zip.text('errors.txt')).toContain(`${wavPath}: track ${taxiMic}: its WAV is missing`);
    expect(zip.manifest.errors).toEqual([
      { path: wavPath, error: expect.stringContaining('missing from storage') },
    ]);
  });
});
