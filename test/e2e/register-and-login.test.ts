import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerParticipants } from '../support/admin-e2e.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { assertBuiltApps, launchChromium, signInToAdmin } from '../support/browser.js';

/**
 * The foundation's whole path in a real browser: a researcher signs in to the admin, creates a
 * study, registers T0001-T0003 and W0001-W0003; then T0002 logs in to the client and consents.
 */
describe('admin to participant, in Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    assertBuiltApps();
    t = await startTestApp();
    // Chromium treats http://localhost as a secure context (needed later for the microphone).
    origin = t.baseUrl.replace('127.0.0.1', 'localhost');
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('creates a study, registers teachers and wizards, and lets T0002 in', async () => {
    const admin = await browser.newPage();
    await signInToAdmin(admin, origin);

    await admin.goto(`${origin}/admin/studies/create`);
    await admin.getByLabel('Name').fill('E2E RoboTaxi');
    await admin.getByLabel('Slug').fill('e2e-robotaxi');
    await admin
      .getByLabel('Consent text')
      .fill('We record your voice.\n\nYou may stop at any time.');
    await admin.getByLabel('Instructions').fill('Tell the rover whether it is doing well.');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.waitForURL(/\/admin\/studies\/[0-9a-f-]+\/show/);

    for (const range of ['T0001-T0003', 'W0001-W0003']) await registerParticipants(admin, range, 3);

    // What the browser did is in the database.
    const api = await new ApiClient(t.baseUrl).loginResearcher();
    const studies =
      await api.get<{ id: string; slug: string; kind: string; config: { stepMs: number } }[]>(
        '/studies',
      );
    expect(studies.body).toHaveLength(1);
    expect(studies.body[0]).toMatchObject({
      slug: 'e2e-robotaxi',
      kind: 'woz-robotaxi',
      config: { stepMs: 1250 },
    });
    const participants = await api.get<{ participantId: string; role: string }[]>(
      `/participants?range=[0,99]&filter=${encodeURIComponent(JSON.stringify({ studyId: studies.body[0].id }))}`,
    );
    expect(participants.body.map((p) => `${p.participantId}:${p.role}`)).toEqual([
      'T0001:teacher',
      'T0002:teacher',
      'T0003:teacher',
      'W0001:wizard',
      'W0002:wizard',
      'W0003:wizard',
    ]);

    // The participant side, in a separate browser context (no shared storage).
    const context = await browser.newContext();
    const client = await context.newPage();
    await client.goto(`${origin}/?study=e2e-robotaxi`);
    await client.getByLabel('Participant ID').fill('t0002');
    await client.getByRole('button', { name: 'Log in' }).click();
    await client.getByText('You may stop at any time.').waitFor();
    await client.getByLabel('I have read and agree to the above').check();
    await client.getByRole('button', { name: 'Continue' }).click();
    await client.getByRole('heading', { name: 'Welcome, T0002' }).waitFor();
    await expect(client.getByText('You are a teacher').count()).resolves.toBe(1);

    const t2 = await api.get<
      { participantId: string; status: string; consentedAt: string | null }[]
    >(`/participants?filter=${encodeURIComponent(JSON.stringify({ q: 'T0002' }))}`);
    expect(t2.body[0]).toMatchObject({ participantId: 'T0002', status: 'active' });
    expect(t2.body[0].consentedAt).not.toBeNull();
    await context.close();
  });
});
