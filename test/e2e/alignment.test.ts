import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { measureAlignment } from '../support/alignment.js';
import { type SeededStudy, seedStudy } from '../support/participants.js';

/**
 * The test version of `npm run bench:alignment`: every beep in the stored WAV is found, and each
 * pairs with the key press its live detection fired within 100 ms. How close they are is the
 * bench's business (BENCHMARKS.md), not this test's.
 */
describe('audio lines up with game events on the server clock', () => {
  let t: TestApp;
  let study: SeededStudy;

  beforeAll(async () => {
    t = await startTestApp();
    study = await seedStudy(t.baseUrl, 'align-e2e', 'D0001');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('pairs every recorded beep with its key press', async () => {
    const seconds = 10;
    const every = 0.5;
    const result = await measureAlignment({
      apiUrl: t.baseUrl,
      study: study.slug,
      participantId: 'D0001',
      researcherToken: study.admin.token ?? '',
      seconds,
      every,
    });
    // One beep every 0.5 s over ~10 s of audio (the first may fall before capture started).
    expect(result.beeps).toBeGreaterThanOrEqual(seconds / every - 2);
    expect(result.unpaired).toBe(0);
    expect(result.errorsMs).toHaveLength(result.beeps);
    expect(result.track.mapping?.anchors).toBeGreaterThanOrEqual(seconds - 1);
  });
});
