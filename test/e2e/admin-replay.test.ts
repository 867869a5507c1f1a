import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOYSTICK_BITS, type FrameRecord } from '../../src/games/common/atari-frames.js';
import type { RecordingTrackView } from '../../src/games/common/recording.js';
import { AtariMachine } from '../../src/games/atari/machine.js';
import { project } from '../../src/games/robotaxi/engine.js';
import { render } from '../../src/games/robotaxi/render.js';
import { Action, type GameState } from '../../src/games/robotaxi/types.js';
import type { OzlabRobotaxiExport } from '../../src/modules/sessions/robotaxi-export.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { playTestRom } from '../support/atari-play.js';
import { assembleTestRom } from '../support/atari-rom.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { beepTrack, writeWavFile } from '../support/audio.js';
import { ffprobe } from '../support/render.js';
import {
  assertBuiltApps,
  launchChromium,
  routeSignedUrls,
  signInToAdmin,
} from '../support/browser.js';
import { seededRandom, simulatePings, type SimulatedClock } from '../support/clock-sim.js';
import {
  createTrack,
  type ParticipantHandle,
  postClockSamples,
  putChunk,
  simulateSegment,
} from '../support/recording-fixture.js';
import { participantToken, Player } from '../support/robotaxi-player.js';

/** FNV-1a over bytes: compares a canvas with a picture made here without shipping the pixels. */
const fnv = (bytes: ArrayLike<number>): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h;
};

/** What the page's canvas offers (the tests are compiled without the DOM types). */
interface CanvasLike {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> };
  };
}

/** The viewer's canvas, hashed in the page the same way. */
const canvasHash = (page: Page): Promise<number> =>
  page.getByTestId('replay-canvas').evaluate((element: unknown) => {
    const canvas = element as CanvasLike;
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let h = 0x811c9dc5;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 0x01000193) >>> 0;
    return h;
  });

const attr = async (locator: Locator, name: string): Promise<string | null> =>
  locator.getAttribute(name);
const numberAttr = async (locator: Locator, name: string): Promise<number> =>
  Number(await locator.getAttribute(name));

/** The pixels of every frame when the test ROM is emulated here (Node) with the logged inputs. */
async function emulatedFrameHashes(frames: FrameRecord[], seed: number): Promise<number[]> {
  const machine = await AtariMachine.create(assembleTestRom(), { seed });
  return frames.map((f) => {
    machine.step(f.action, { reset: f.reset, select: f.select });
    return fnv(machine.pixels());
  });
}

describe('admin: replay viewer', () => {
  let t: TestApp;
  let origin: string;
  let browser: Browser;
  let study: AtariStudy;
  let episodeId: string;
  let seed: number;
  let frames: FrameRecord[];
  let trackId: string;
  let frameHashes: number[];
  const wavPath = join(tmpdir(), `ozlab-replay-${process.pid}.wav`);
  const compatPath = join(tmpdir(), `ozlab-replay-${process.pid}-compat.json`);
  const framesPath = join(tmpdir(), `ozlab-replay-${process.pid}-frames.json`);
  const romPath = join(tmpdir(), `ozlab-replay-${process.pid}.bin`);

  beforeAll(async () => {
    assertBuiltApps();
    writeWavFile(
      wavPath,
      beepTrack({
        sampleRate: 16_000,
        seconds: 8,
        every: 1,
        first: 0.5,
        beepMs: 80,
        freqHz: 880,
        amplitude: 0.5,
        humAmplitude: 0.05,
      }),
      16_000,
    );
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await launchChromium(['--autoplay-policy=no-user-gesture-required']);

    // An Atari episode of the test ROM, uploaded as the client does, and ended.
    study = await setupAtariStudy(t.baseUrl, 'replay-atari', 'D0001-D0001');
    const d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0001'));
    const started = await d1.post<{ id: string; seed: number; sessionId: string }>(
      '/atari/episodes',
      {},
    );
    expect(started.status).toBe(201);
    ({ id: episodeId, seed } = started.body);
    frames = await playTestRom({ seed, frames: 600 });
    frameHashes = await emulatedFrameHashes(frames, seed);
    for (let seq = 0; seq * 60 < frames.length; seq++) {
      const res = await d1.put(`/atari/episodes/${episodeId}/batches/${seq}`, {
        frames: frames.slice(seq * 60, seq * 60 + 60),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const ended = await d1.post(`/atari/episodes/${episodeId}/end`, {
      frames: frames.length,
      outcome: 'game-over',
    });
    expect(ended.status, JSON.stringify(ended.body)).toBe(200);

    // The demonstrator's mic, recorded from 1 s before the first frame, aligned by clock samples.
    const rate = 16_000;
    const clock: SimulatedClock = { offsetMs: frames[0].clientMs - 5000, driftPpm: 0 };
    const clockId = randomUUID();
    const who: ParticipantHandle = { id: '', code: 'D0001', api: d1 };
    await postClockSamples(
      who,
      clockId,
      simulatePings(
        clock,
        { startClientMs: 3000, bursts: 4, burstEveryMs: 3000, pingsPerBurst: 5 },
        seededRandom(5),
      ),
    );
    const track = await createTrack(who, {
      kind: 'mic',
      sampleRate: rate,
      channels: 1,
      sessionId: started.body.sessionId,
      episodeId,
    });
    expect(track.status, JSON.stringify(track.body)).toBe(201);
    trackId = track.trackId;
    const chunks = simulateSegment(rate, {
      segment: 0,
      firstSeq: 0,
      chunks: 12,
      chunkSamples: rate,
      startServerMs: frames[0].clientMs - 1000,
      clockId,
      clock,
    });
    for (const c of chunks)
      expect((await putChunk(who, trackId, c.seq, c.query, c.bytes)).status).toBe(201);
    const finalized = await d1.post<RecordingTrackView>(`/recordings/${trackId}/finalize`);
    expect(finalized.status, JSON.stringify(finalized.body)).toBe(200);
    const intercept = finalized.body.mapping?.interceptMs ?? Number.NaN;
    expect(Math.abs(intercept - (frames[0].clientMs - 1000))).toBeLessThan(20);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('replays an Atari episode: re-emulated frames, scrubbing, stepping, playing with its audio', async () => {
    const page = await browser.newPage();
    await routeSignedUrls(page, origin);
    await signInToAdmin(page, origin);

    // From the list, filtered to Atari episodes of the study.
    await page.goto(`${origin}/admin/episodes`);
    await page.getByText('OzLab test ROM').first().click();
    await page.waitForURL(new RegExp(`/admin/episodes/${episodeId}/show`));

    const viewer = page.getByTestId('replay-viewer');
    await viewer.waitFor();
    expect(await attr(viewer, 'data-positions')).toBe('600');
    // The first frame, re-emulated in the browser, is the one Node's emulator makes.
    await expect.poll(() => attr(viewer, 'data-shown-frame'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => canvasHash(page)).toBe(frameHashes[0]);

    // Every FIRE press of the log is marked on the timeline.
    const presses = frames.filter(
      (f, i) =>
        f.joystick & JOYSTICK_BITS.fire && !(i > 0 && frames[i - 1].joystick & JOYSTICK_BITS.fire),
    ).length;
    expect(presses).toBeGreaterThan(5);
    await expect
      .poll(() => page.locator('[data-testid="replay-events"] [data-event-kind="fire"]').count())
      .toBe(presses);

    // Scrub: a click in the middle of the slider goes to the middle of the episode.
    const slider = page.locator('.MuiSlider-root');
    const box = (await slider.boundingBox())!;
    await slider.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => numberAttr(viewer, 'data-frame')).toBeGreaterThan(200);
    const middle = await numberAttr(viewer, 'data-frame');
    expect(middle).toBeLessThan(400);
    await expect
      .poll(() => attr(viewer, 'data-shown-frame'), { timeout: 30_000 })
      .toBe(String(middle));
    await expect.poll(() => canvasHash(page)).toBe(frameHashes[middle]);

    // → steps one frame, ← one back, at the logged frame times.
    const timeBefore = await numberAttr(viewer, 'data-time-ms');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => attr(viewer, 'data-frame')).toBe(String(middle + 1));
    expect(await numberAttr(viewer, 'data-time-ms')).toBe(Math.round(frames[middle + 1].clientMs));
    expect(await numberAttr(viewer, 'data-time-ms')).not.toBe(timeBefore);
    await expect.poll(() => attr(viewer, 'data-shown-frame')).toBe(String(middle + 1));
    await expect.poll(() => canvasHash(page)).toBe(frameHashes[middle + 1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => attr(viewer, 'data-frame')).toBe(String(middle - 1));

    // Its session's audio track is on the timeline; play runs the clock and the audio with it.
    const track = page.locator(`[data-testid="replay-track"][data-track-id="${trackId}"]`);
    await expect.poll(() => attr(track, 'data-track-ready'), { timeout: 30_000 }).toBe('true');
    expect(await attr(track, 'data-audio-playing')).toBe('false');
    await page.getByRole('button', { name: '2×', exact: true }).click();
    expect(await attr(viewer, 'data-speed')).toBe('2');
    const pausedAt = await numberAttr(viewer, 'data-time-ms');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    expect(await attr(viewer, 'data-playing')).toBe('true');
    await expect.poll(() => numberAttr(viewer, 'data-time-ms')).toBeGreaterThan(pausedAt + 200);
    await expect.poll(() => attr(track, 'data-audio-playing')).toBe('true');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await attr(viewer, 'data-playing')).toBe('false');
    await expect.poll(() => attr(track, 'data-audio-playing')).toBe('false');

    // The exports download with the researcher's token.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Atari Grand Challenge' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`episode-${episodeId}-agc.txt`);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.trim().split('\n')).toHaveLength(1 + frames.length);

    // "Render video": the render's progress, pushed over the dashboard socket, reaches 100 %,
    // and its MP4 downloads: H.264 + AAC, as long as the episode (600 frames at 60 fps).
    await page.getByRole('button', { name: 'Render video', exact: true }).click();
    const progress = page.locator('[data-render-id][data-status]').first();
    await progress.waitFor({ timeout: 30_000 });
    await expect
      .poll(() => attr(progress, 'data-status'), { timeout: 180_000, interval: 250 })
      .toBe('completed');
    expect(await attr(progress, 'data-progress')).toBe('100');
    const renderId = (await attr(progress, 'data-render-id'))!;
    const [video] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Download render ${renderId.slice(0, 8)}` }).click(),
    ]);
    const probe = await ffprobe(await video.path());
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(['aac', 'h264']);
    expect(Math.abs(Number(probe.format.duration) - frames.length / 60)).toBeLessThan(0.1);
    await page.close();
  });

  it('replays a dropped Atari frames export with its ROM file', async () => {
    const exported = await study.admin.get(`/episodes/${episodeId}/frames?format=ozlab`);
    expect(exported.status).toBe(200);
    writeFileSync(framesPath, JSON.stringify(exported.body));
    writeFileSync(romPath, assembleTestRom());
    const page = await browser.newPage();
    await signInToAdmin(page, origin);
    await page.goto(`${origin}/admin/replay`);
    await page.getByLabel('Game log', { exact: true }).setInputFiles(framesPath);
    const viewer = page.getByTestId('replay-viewer');
    await viewer.waitFor();
    // No pictures until the ROM is there.
    await page.getByText(/Choose the ROM file this log was played with/).waitFor();
    expect(await attr(viewer, 'data-shown-frame')).toBe('-1');
    await page.getByLabel('ROM', { exact: true }).setInputFiles(romPath);
    await expect.poll(() => attr(viewer, 'data-shown-frame'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => canvasHash(page)).toBe(frameHashes[0]);
    await viewer.click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => attr(viewer, 'data-shown-frame')).toBe('3');
    await expect.poll(() => canvasHash(page)).toBe(frameHashes[3]);
    await page.close();
  });

  describe('RoboTaxi', () => {
    const slug = 'replay-taxi';
    const CONFIG = {
      consentText: 'We record your voice.',
      instructions: 'Speak to the rover.',
      stepMs: 100,
      stepLimit: 6,
      rounds: 1,
      bombCountdownMs: 100,
      roundCountdownMs: 100,
      disconnectGraceS: 5,
      level: {
        grid: ['#######', '#.....#', '#..A..#', '#.....#', '#....S#', '#######'],
      },
    };
    let exported: OzlabRobotaxiExport;

    beforeAll(async () => {
      const admin = await new ApiClient(t.baseUrl).loginResearcher();
      const created = await admin.post<{ id: string }>('/studies', {
        name: 'Taxi replay',
        slug,
        kind: 'woz-robotaxi',
        config: CONFIG,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      for (const range of ['T0001', 'W0001'])
        expect(
          (await admin.post(`/studies/${created.body.id}/participants/range`, { range })).status,
        ).toBe(201);
      const [teacher, wizard] = await Promise.all(
        ['T0001', 'W0001'].map(async (id) => {
          const p = new Player(t.baseUrl, await participantToken(t.baseUrl, slug, id));
          await p.until((x) => x.joined !== null, `${id} joined`);
          return p;
        }),
      );
      // The wizard holds RIGHT, as someone would.
      wizard.hold(Action.RIGHT);
      await wizard.phase('feedback', 30_000);
      const sessionId = teacher.session!.sessionId;
      teacher.close();
      wizard.close();
      const res = await admin.get<OzlabRobotaxiExport>(`/sessions/${sessionId}/export`);
      expect(res.status).toBe(200);
      exported = res.body;
      expect(exported.episodes.map((e) => e.round)).toEqual([0, 1]);
      const compat = await admin.get(`/sessions/${sessionId}/export?format=compat`);
      writeFileSync(compatPath, JSON.stringify(compat.body));
    });

    /** The picture the live game drew for a state of an episode (teacher's view, with the HUD). */
    const livePicture = (state: GameState, episode: OzlabRobotaxiExport['episodes'][number]) => {
      const stepsLeft = Math.max(0, CONFIG.stepLimit - state.step);
      const hud = {
        round: episode.round ?? 0,
        rounds: CONFIG.rounds,
        practice: episode.practice,
        stepsLeft,
        secondsLeft: Math.round((stepsLeft * CONFIG.stepMs) / 100) / 10,
      };
      return fnv(render(project(state, 'teacher'), 24, hud).data);
    };

    it('replays a session: episode pickers, each step drawn by the game renderer', async () => {
      const page = await browser.newPage();
      await signInToAdmin(page, origin);
      const round1 = exported.episodes[1];
      await page.goto(`${origin}/admin/episodes/${round1.id}/show`);
      const viewer = page.getByTestId('replay-viewer');
      await viewer.waitFor();
      expect(await attr(viewer, 'data-episode')).toBe(round1.id);
      expect(await attr(viewer, 'data-step')).toBe('0');
      await expect.poll(() => canvasHash(page)).toBe(livePicture(round1.initialState!, round1));

      await viewer.click();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => attr(viewer, 'data-step')).toBe('1');
      expect(await numberAttr(viewer, 'data-time-ms')).toBe(Math.round(round1.steps[0].serverMs));
      await expect.poll(() => canvasHash(page)).toBe(livePicture(round1.steps[0].state, round1));
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => attr(viewer, 'data-step')).toBe('2');
      await expect.poll(() => canvasHash(page)).toBe(livePicture(round1.steps[1].state, round1));

      // The round picker goes to the practice episode.
      await page.getByRole('combobox', { name: /Round/ }).click();
      await page.getByRole('option', { name: 'Practice' }).click();
      await expect.poll(() => attr(viewer, 'data-episode')).toBe(exported.episodes[0].id);
      expect(await attr(viewer, 'data-step')).toBe('0');

      // Play runs to the end of the episode and stops there.
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => attr(viewer, 'data-playing'), { timeout: 20_000 }).toBe('false');
      const last = exported.episodes[0].steps.at(-1)!;
      expect(await attr(viewer, 'data-step')).toBe(String(last.index));
      await page.close();
    });

    it('replays dropped files without uploading them: a Wizard-of-Oz log and a WAV', async () => {
      const page = await browser.newPage();
      await signInToAdmin(page, origin);
      await page.getByRole('menuitem', { name: 'Replay a file' }).click();
      await page.waitForURL(/\/admin\/replay$/);
      const uploads: string[] = [];
      page.on('request', (r) => {
        if (r.method() !== 'GET') uploads.push(r.url());
      });

      await page.getByLabel('Game log', { exact: true }).setInputFiles(compatPath);
      await page.getByLabel('Audio', { exact: true }).setInputFiles(wavPath);
      const viewer = page.getByTestId('replay-viewer');
      await viewer.waitFor();
      await expect
        .poll(() => page.getByTestId('replay-file-summary').textContent())
        .toMatch(/Wizard-of-Oz log/);
      // The compat log has no initial state: the first picture is step 1 of the practice episode.
      expect(await attr(viewer, 'data-step')).toBe('1');
      const practice = exported.episodes[0];
      await expect
        .poll(() => canvasHash(page))
        .toBe(livePicture(practice.steps[0].state, practice));
      await viewer.click();
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => attr(viewer, 'data-step')).toBe('2');
      await expect
        .poll(() => canvasHash(page))
        .toBe(livePicture(practice.steps[1].state, practice));

      // The WAV starts with the first step (the log has no audio), and plays with the replay.
      const track = page.getByTestId('replay-track');
      await expect.poll(() => attr(track, 'data-track-ready'), { timeout: 30_000 }).toBe('true');
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => attr(track, 'data-audio-playing')).toBe('true');
      await page.getByRole('button', { name: 'Pause', exact: true }).click();
      expect(uploads).toEqual([]);
      await page.close();
    });
  });
});
