import type { AtariSessionExport } from '../../src/modules/sessions/session-export.service.js';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ParticipantLoginResponse,
  ParticipantMeResponse,
} from '../../src/games/common/api.js';
import type { FrameRecord } from '../../src/games/common/atari-frames.js';
import type { AtariSessionView } from '../../src/games/common/atari-session.js';
import { DEFAULT_QUESTIONNAIRE } from '../../src/modules/atari/questionnaire.js';
import { FeedbackEntity } from '../../src/modules/sessions/feedback.entity.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import {
  chunkAt,
  createTrack,
  type ParticipantHandle,
  pcm,
  putChunk,
} from '../support/recording-fixture.js';

const RATE = 8000;
const COMPLETION = { code: 'ATARI-DONE', redirectUrl: 'https://example.org/done?cc=1' };

/** A frame whose score is 10 per full second played. */
const frame = (n: number): FrameRecord => ({
  frame: n,
  action: 0,
  joystick: 0,
  reward: n % 60 === 59 ? 10 : 0,
  score: Math.floor((n + 1) / 60) * 10,
  lives: 3,
  terminal: false,
  emuMs: (n * 1000) / 60,
  clientMs: 1.7e12 + (n * 1000) / 60,
});
const frames = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => frame(from + i));

interface Problems {
  message: string;
  errors: { field: string; reason: string }[];
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

describe('Atari session: view, questionnaire, completion gate', () => {
  let t: TestApp;
  let study: AtariStudy;
  let d1: ParticipantHandle;
  let d2: ParticipantHandle;
  let teacher: ParticipantHandle;
  const at = chunkAt(RATE, randomUUID());

  const view = async (who = d1) => {
    const res = await who.api.get<AtariSessionView>('/atari/session');
    expect(res.status).toBe(200);
    return res.body;
  };
  const startEpisode = async (practice: boolean) => {
    const res = await d1.api.post<{ id: string; message?: string }>('/atari/episodes', {
      practice,
    });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const put = async (episodeId: string, seq: number, from: number, count: number) =>
    expect(
      (
        await d1.api.put(`/atari/episodes/${episodeId}/batches/${seq}`, {
          frames: frames(from, count),
        })
      ).status,
    ).toBe(201);
  const end = async (episodeId: string, count: number, outcome: string) =>
    expect(
      (await d1.api.post(`/atari/episodes/${episodeId}/end`, { frames: count, outcome })).status,
    ).toBe(200);
  const answer = (answers: Record<string, unknown>, who = d1) =>
    who.api.post<AtariSessionView & Problems>('/atari/session/questionnaire', { answers });
  const complete = (trackIds: string[], who = d1) =>
    who.api.post<AtariSessionView & Problems>('/atari/session/complete', { trackIds });

  beforeAll(async () => {
    t = await startTestApp();
    study = await setupAtariStudy(t.baseUrl, 'atari-session', 'D0001-D0002');
    const put = await study.admin.put(`/studies/${study.studyId}`, {
      config: {
        consentText: 'We record your voice.',
        instructions: 'Shoot the invaders.',
        romId: study.romId,
        trialMinutes: 0.5,
        sessionMinutes: 0.1,
        completionCode: COMPLETION.code,
        completionRedirectUrl: COMPLETION.redirectUrl,
      },
    });
    expect(put.status).toBe(200);
    await study.admin.post(`/studies/${study.studyId}/participants/range`, { range: 'T0001' });
    d1 = await login(t, study.slug, 'D0001');
    d2 = await login(t, study.slug, 'D0002');
    teacher = await login(t, study.slug, 'T0001');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is for demonstrators only', async () => {
    expect((await teacher.api.get('/atari/session')).status).toBe(403);
    expect((await answer({}, teacher)).status).toBe(403);
    expect((await complete([], teacher)).status).toBe(403);
    expect((await teacher.api.post('/atari/episodes', {})).status).toBe(403);
    expect((await study.admin.get('/atari/session')).status).toBe(403);
  });

  it('shows the settings before the first episode, and refuses what needs a session', async () => {
    const before = await view();
    expect(before).toMatchObject({
      sessionId: null,
      status: 'not-started',
      practiceDone: false,
      playedMs: 0,
      episodes: [],
      questionnaireAnswered: false,
      completion: null,
    });
    expect(before.settings).toMatchObject({
      romId: study.romId,
      romMd5: study.romMd5,
      profileId: 'ozlab-test',
      gameName: 'OzLab test ROM',
      trialMinutes: 0.5,
      sessionMinutes: 0.1,
      gameInstructions: 'Shoot the invaders.',
      questionnaire: DEFAULT_QUESTIONNAIRE,
    });
    expect(before.settings.sessionInstructions).toMatch(/speaking/);
    expect(before.settings.micHelpText).toMatch(/microphone/);
    expect(before.settings.questionnaireIntro).not.toBe('');

    const noSession = await answer({ 'self-rating': 5, 'played-before': 'Never' });
    expect(noSession.status).toBe(409);
    expect(noSession.body.message).toMatch(/no session yet/);
    const early = await complete([]);
    expect(early.status).toBe(409);
    expect(early.body.errors).toEqual([{ field: 'session', reason: 'not started' }]);
  });

  it('refuses bodies that do not fit the contract, naming the field', async () => {
    const bad = await answer('nope' as unknown as Record<string, unknown>);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('answers');
    const extra = await d1.api.post<Problems>('/atari/session/questionnaire', {
      answers: {},
      more: 1,
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toMatch(/more/);
    const badTrack = await complete(['not-a-uuid']);
    expect(badTrack.status).toBe(400);
    expect(badTrack.body.errors[0].field).toBe('trackIds.0');
  });

  let practiceId: string;
  let recordedId: string;

  it('counts the practice, then the recorded play from the stored frames', async () => {
    practiceId = await startEpisode(true);
    await put(practiceId, 0, 0, 90);
    const running = await view();
    expect(running.status).toBe('running');
    expect(running.sessionId).not.toBeNull();
    expect(running.practiceDone).toBe(false);
    expect(running.episodes).toEqual([
      expect.objectContaining({
        id: practiceId,
        index: 0,
        practice: true,
        status: 'running',
        outcome: null,
        frames: 90,
        score: 10,
      }),
    ]);
    expect(running.episodes[0].seed).toEqual(expect.any(Number));
    await end(practiceId, 90, 'practice-over');
    const practised = await view();
    expect(practised).toMatchObject({ practiceDone: true, playedMs: 0, completion: null });
    expect(practised.episodes[0]).toMatchObject({ status: 'completed', frames: 90, score: 10 });

    recordedId = await startEpisode(false);
    await put(recordedId, 0, 0, 60);
    await put(recordedId, 1, 60, 60);
    const playing = await view();
    // A running episode's frames are shown but not yet counted as played.
    expect(playing.playedMs).toBe(0);
    expect(playing.episodes[1]).toMatchObject({ index: 1, practice: false, frames: 120 });
  });

  it('refuses the questionnaire and the completion while an episode is running', async () => {
    const busy = await answer({ 'self-rating': 5, 'played-before': 'Never' });
    expect(busy.status).toBe(409);
    expect(busy.body.message).toMatch(/still running/);
    const gate = await complete([]);
    expect(gate.status).toBe(409);
    expect(gate.body.errors).toEqual([
      { field: 'episodes', reason: expect.stringMatching(/^episode 1 .* is still running$/) },
      { field: 'episodes', reason: 'no recorded (non-practice) episode has ended' },
      { field: 'questionnaire', reason: 'the questionnaire is not answered' },
    ]);
    expect(gate.body.message).toMatch(/cannot be completed yet: episode 1/);
    expect(gate.body).not.toHaveProperty('completion');
    await end(recordedId, 120, 'time-up');
    const played = await view();
    expect(played.playedMs).toBe(2000);
    expect(played.episodes[1]).toMatchObject({ status: 'completed', outcome: 'time-up' });
  });

  it('checks each answer against its question and stores nothing on a problem', async () => {
    const wrong = await answer({
      bogus: 'x',
      'self-rating': 9,
      'played-before': 'Sometimes',
      comments: 5,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([
      { field: 'answers.bogus', reason: 'no such question' },
      { field: 'answers.self-rating', reason: 'must be a whole number from 1 to 7' },
      { field: 'answers.played-before', reason: 'must be one of "Never", "A few times", "Often"' },
      { field: 'answers.comments', reason: 'must be text' },
    ]);
    expect(wrong.body.message).toMatch(/answers.bogus: no such question; answers.self-rating/);
    const missing = await answer({ comments: 'fun' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e) => e.field)).toEqual([
      'answers.self-rating',
      'answers.played-before',
    ]);
    const wrongType = await answer({ 'self-rating': '5', 'played-before': 2 });
    expect(wrongType.body.errors.map((e) => e.field)).toEqual([
      'answers.self-rating',
      'answers.played-before',
    ]);
    expect((await view()).questionnaireAnswered).toBe(false);
  });

  it('stores the answers once: the same again is fine, other answers are refused', async () => {
    const first = await answer({ 'self-rating': 6, 'played-before': 'A few times' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ questionnaireAnswered: true, completion: null });
    const again = await answer({ 'played-before': 'A few times', 'self-rating': 6 });
    expect(again.status).toBe(200);
    expect(again.body.questionnaireAnswered).toBe(true);
    const other = await answer({ 'self-rating': 2, 'played-before': 'A few times' });
    expect(other.status).toBe(409);
    expect(other.body.message).toMatch(/already saved/);
    // One row, with a snapshot of the questions as they were asked.
    const rows = await t.app
      .get(DataSource)
      .getRepository(FeedbackEntity)
      .find({ where: { sessionId: first.body.sessionId! } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      participantId: d1.id,
      kind: 'questionnaire',
      payload: {
        answers: { 'self-rating': 6, 'played-before': 'A few times' },
        questions: DEFAULT_QUESTIONNAIRE,
      },
    });
  });

  it('completes only when every track of the session is finalized, then hands out the code', async () => {
    const { sessionId } = await view();
    const mic = await createTrack(d1, { kind: 'mic', sampleRate: RATE, channels: 1, sessionId });
    expect(mic.status).toBe(201);
    expect((await putChunk(d1, mic.trackId, 0, at(0), pcm(RATE, 1))).status).toBe(201);
    const game = await createTrack(d1, { kind: 'game', sampleRate: RATE, channels: 1, sessionId });
    const loose = await createTrack(d1, { kind: 'mic', sampleRate: RATE, channels: 1 });
    const theirs = await createTrack(d2, { kind: 'mic', sampleRate: RATE, channels: 1 });
    const unknown = randomUUID();

    const gate = await complete([mic.trackId, loose.trackId, theirs.trackId, unknown]);
    expect(gate.status).toBe(409);
    expect(gate.body.errors).toEqual([
      { field: 'trackIds.0', reason: `track ${mic.trackId} (mic) is recording, not finalized` },
      { field: 'trackIds.1', reason: `track ${loose.trackId} is not a track of this session` },
      { field: 'trackIds.2', reason: `track ${theirs.trackId} is not one of your tracks` },
      { field: 'trackIds.3', reason: `track ${unknown} is unknown` },
      {
        field: 'recordings',
        reason: `track ${game.trackId} (game) of this session is recording, not finalized`,
      },
    ]);
    expect((await view()).completion).toBeNull();
    expect(
      (await d1.api.get<ParticipantMeResponse>('/participant/me')).body.participant.status,
    ).toBe('active');

    const finalized = await d1.api.post<{ status: string }>(`/recordings/${mic.trackId}/finalize`);
    expect(finalized.body.status).toBe('finalized');
    // A deleted track is no longer waited for.
    expect((await study.admin.delete(`/recordings/${game.trackId}`)).status).toBe(200);
    const done = await complete([mic.trackId]);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'completed', sessionId, completion: COMPLETION });
    expect((await complete([mic.trackId])).body).toMatchObject({ completion: COMPLETION });
    expect((await view()).completion).toEqual(COMPLETION);
    const me = await d1.api.get<ParticipantMeResponse>('/participant/me');
    expect(me.body.participant.status).toBe('completed');
    const session = await study.admin.get<{ status: string; phase: string; endedAt: string }>(
      `/sessions/${sessionId}`,
    );
    expect(session.body).toMatchObject({ status: 'completed', phase: 'complete' });
    expect(session.body.endedAt).toEqual(expect.any(String));

    // The researcher's export: episodes with their frames, both tracks, the answers.
    const exported = await study.admin.get<AtariSessionExport>(`/sessions/${sessionId}/export`);
    expect(exported.status).toBe(200);
    expect(exported.body.format).toBe('ozlab.atari-session/1');
    expect(exported.body.demonstrator?.participantId).toBe('D0001');
    expect(exported.body.episodes.map((e) => e.frames.length)).toEqual(
      exported.body.episodes.map((e) => e.frameCount),
    );
    expect(exported.body.episodes.every((e) => e.frames.length > 0)).toBe(true);
    expect(exported.body.recordings.map((r) => r.kind).sort()).toEqual(['game', 'mic']);
    expect(exported.body.questionnaire).toMatchObject({
      answers: { 'self-rating': 6, 'played-before': 'A few times' },
    });
    const compat = await study.admin.get<{ message: string }>(
      `/sessions/${sessionId}/export?format=compat`,
    );
    expect(compat.status).toBe(400);
    expect(compat.body.message).toMatch(/format=trajectory/);
  });

  it('starts no new episode after the completion, and keeps the answers', async () => {
    const again = await d1.api.post<{ message: string }>('/atari/episodes', {});
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/completed/);
    expect((await view()).episodes).toHaveLength(2);
    expect((await answer({ 'self-rating': 6, 'played-before': 'A few times' })).status).toBe(200);
    expect((await answer({ 'self-rating': 1, 'played-before': 'Never' })).status).toBe(409);
  });

  it('does not complete a session without a recorded episode, even with no questions', async () => {
    const put = await study.admin.put(`/studies/${study.studyId}`, {
      config: {
        consentText: 'We record your voice.',
        instructions: 'Play.',
        romId: study.romId,
        trialMinutes: 0,
        questionnaire: [],
      },
    });
    expect(put.status).toBe(200);
    expect((await view(d2)).practiceDone).toBe(true);
    const id = (await d2.api.post<{ id: string }>('/atari/episodes', { practice: true })).body.id;
    expect(
      (await d2.api.put(`/atari/episodes/${id}/batches/0`, { frames: frames(0, 30) })).status,
    ).toBe(201);
    expect(
      (await d2.api.post(`/atari/episodes/${id}/end`, { frames: 30, outcome: 'practice-over' }))
        .status,
    ).toBe(200);
    const gate = await complete([], d2);
    expect(gate.status).toBe(409);
    expect(gate.body.errors).toEqual([
      { field: 'episodes', reason: 'no recorded (non-practice) episode has ended' },
    ]);
    expect((await view(d2)).completion).toBeNull();
  });
});
