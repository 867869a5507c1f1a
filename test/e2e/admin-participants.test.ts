import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { assertBuiltApps, launchChromium, signInToAdmin } from '../support/browser.js';
import {
  chunkAt,
  createTrack,
  pcm,
  putChunk,
  type RecordingStudy,
  otherResearcher,
  setupRecordingStudy,
  trackView,
} from '../support/recording-fixture.js';

const RATE = 8000;

/**
 * The researcher's participant pages in Chromium: a study's printable invite sheet, a
 * participant's sessions, and withdrawal with (confirmed) deletion of their recordings.
 */
describe('participants in the admin, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let s: RecordingStudy;
  let page: Page;

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    s = await setupRecordingStudy(t, 'admin-participants');
    browser = await launchChromium();
    page = await browser.newPage();
    await signInToAdmin(page, origin);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const participant = async (code: string) => {
    const res = await s.admin.get<{ id: string; status: string; inviteUrl: string }[]>(
      `/participants?filter=${encodeURIComponent(JSON.stringify({ studyId: s.studyId, q: code }))}`,
    );
    return res.body[0];
  };

  it('prints one invite card per participant with their own link and its QR code', async () => {
    await page.goto(`${origin}/admin/studies/${s.studyId}/show`);
    await page.getByRole('link', { name: 'Invite sheet' }).click();
    const cards = page.getByTestId('invite-card');
    await cards.first().waitFor();
    expect(page.url()).toBe(`${origin}/admin/invite-sheet/${s.studyId}`);
    const ids = [];
    for (const card of await cards.all()) ids.push(await card.getAttribute('data-participant-id'));
    expect(ids).toEqual(['T0001', 'T0002', 'W0001']);
    for (const code of ['T0001', 'T0002', 'W0001']) {
      const card = page.locator(`[data-participant-id="${code}"]`);
      expect(await card.getByTestId('invite-url').textContent()).toBe(
        (await participant(code)).inviteUrl,
      );
      const qr = card.getByRole('img', { name: `Invite QR code for ${code}` });
      await qr.waitFor();
      expect(
        await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
      ).toBeGreaterThan(0);
    }
    // The role filter narrows the sheet.
    await page.getByLabel('Role').click();
    await page.getByRole('option', { name: 'Wizard' }).click();
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().getAttribute('data-participant-id')).toBe('W0001');
  });

  it("lists a participant's sessions and withdraws them, deleting their audio once confirmed", async () => {
    const t1 = s.p.T0001;
    const track = await createTrack(t1, { kind: 'mic', sampleRate: RATE, channels: 1 });
    expect(track.status).toBe(201);
    const upload = await putChunk(
      t1,
      track.trackId,
      0,
      chunkAt(RATE, randomUUID())(0),
      pcm(RATE, 5),
    );
    expect(upload.status).toBe(201);

    await page.goto(`${origin}/admin/participants/${t1.id}/show`);
    // The session of setupRecordingStudy, in which T0001 teaches W0001.
    const sessions = page.locator('table').filter({ hasText: 'Teacher' });
    await sessions.getByText('W0001').waitFor();
    await expect(sessions.locator('tbody tr').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Withdraw' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('1 audio track, 0.0 min').waitFor();
    await dialog.getByLabel(/Also delete their recordings/).check();
    await dialog.getByLabel('Type T0001 to confirm').fill('T0002');
    await dialog.getByRole('button', { name: 'Withdraw and delete' }).click();
    await dialog.getByText('That is not T0001').waitFor();
    expect((await participant('T0001')).status).not.toBe('withdrawn');

    await dialog.getByLabel('Type T0001 to confirm').fill('t0001');
    await dialog.getByRole('button', { name: 'Withdraw and delete' }).click();
    await page.getByText('T0001 withdrawn; 1 audio track deleted').waitFor();
    expect((await participant('T0001')).status).toBe('withdrawn');
    expect((await trackView(s, track.trackId)).status).toBe('deleted');
    // The page shows the new status, and the button now only deletes recordings.
    await page.getByRole('button', { name: 'Delete recordings' }).waitFor();
  });

  it('gives a colleague access to the study, showing the server field error first', async () => {
    await page.goto(`${origin}/admin/studies/${s.studyId}/show`);
    const members = page.getByRole('list', { name: 'Researchers with access' });
    await members.getByText('Owner').waitFor();
    const email = page.getByLabel('Give access to (email)');
    // Checked before sending, then by the server (no such account), each under the field.
    await email.fill('not-an-email');
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.getByText('Not an email address').waitFor();
    await email.fill('nobody@test.local');
    await page.getByRole('button', { name: 'Give access' }).click();
    await page.getByText('no researcher account has this email').waitFor();

    await otherResearcher(t, s.admin, 'colleague@test.local');
    await email.fill('colleague@test.local');
    await page.getByRole('button', { name: 'Give access' }).click();
    await members.getByText('colleague@test.local').waitFor();
    const listed = await s.admin.get<{ email: string; access: string }[]>(
      `/studies/${s.studyId}/members`,
    );
    expect(listed.body.map((m) => m.access)).toEqual(['owner', 'member']);

    await page.getByRole('button', { name: "Remove colleague@test.local's access" }).click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await members.getByText('colleague@test.local').waitFor({ state: 'detached' });
    expect((await s.admin.get<unknown[]>(`/studies/${s.studyId}/members`)).body).toHaveLength(1);
  });
});
