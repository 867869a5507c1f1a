import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FrameRecord } from '../../src/games/common/atari-frames.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { AleAction } from '../../src/games/atari/actions.js';
import { playTestRom } from '../support/atari-play.js';
import { type AtariStudy, setupAtariStudy } from '../support/atari-study.js';
import { participantToken } from '../support/robotaxi-player.js';

interface Episode {
  id: string;
  seed: number;
  status: string;
  verified: boolean | null;
  verification: {
    checkedHashes: number;
    firstDivergingFrame: number | null;
    error?: string;
  } | null;
}

describe('Atari determinism check: the verify job re-emulates the episode', () => {
  let t: TestApp;
  let study: AtariStudy;
  let d1: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    study = await setupAtariStudy(t.baseUrl, 'atari-verify', 'D0001-D0001');
    d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0001'));
  });
  afterAll(async () => {
    await t?.close();
  });

  async function runEpisode(
    tamper?: (frames: FrameRecord[]) => void,
    length = 300,
  ): Promise<Episode> {
    const started = await d1.post<Episode>('/atari/episodes', {});
    expect(started.status).toBe(201);
    const frames = await playTestRom({ seed: started.body.seed, frames: length });
    tamper?.(frames);
    for (let seq = 0; seq * 60 < frames.length; seq++) {
      const res = await d1.put(`/atari/episodes/${started.body.id}/batches/${seq}`, {
        frames: frames.slice(seq * 60, seq * 60 + 60),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const ended = await d1.post(`/atari/episodes/${started.body.id}/end`, {
      frames: frames.length,
      outcome: 'game-over',
    });
    expect(ended.status).toBe(200);
    let episode: Episode | undefined;
    await expect
      .poll(
        async () => {
          episode = (await study.admin.get<Episode>(`/episodes/${started.body.id}`)).body;
          return episode.verification !== null;
        },
        { timeout: 60_000, interval: 250 },
      )
      .toBe(true);
    return episode!;
  }

  it('verifies an honest episode', async () => {
    const episode = await runEpisode();
    expect(episode.verification).toMatchObject({ checkedHashes: 5, firstDivergingFrame: null });
    expect(episode.verified).toBe(true);
  });

  it('checks a game shorter than 60 frames by the hash of its last frame', async () => {
    const episode = await runEpisode(undefined, 40);
    expect(episode.verification).toMatchObject({ checkedHashes: 1, firstDivergingFrame: null });
    expect(episode.verified).toBe(true);
  });

  it('leaves a game without any frame hash unchecked, and says so', async () => {
    const episode = await runEpisode((frames) => frames.forEach((f) => delete f.hash), 40);
    expect(episode.verified).toBeNull();
    expect(episode.verification).toMatchObject({ checkedHashes: 0, firstDivergingFrame: null });
    expect(episode.verification?.error).toMatch(/no frame hash/);
  });

  it('names the first diverging frame when the log does not match the replay', async () => {
    // The log claims a fire press at frame 100 that the reported hashes do not contain.
    const episode = await runEpisode((frames) => {
      frames[100] = { ...frames[100], action: AleAction.FIRE, joystick: 16 };
      frames[101] = { ...frames[101], action: AleAction.NOOP, joystick: 0 };
    });
    expect(episode.verified).toBe(false);
    expect(episode.verification?.firstDivergingFrame).toBe(119);
  });
});
