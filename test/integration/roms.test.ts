import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StorageService } from '../../src/modules/storage/storage.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';
import { assembleTestRom } from '../support/atari-rom.js';
import { type SeededStudy, seedStudy } from '../support/participants.js';
import { participantToken } from '../support/robotaxi-player.js';

interface Rom {
  id: string;
  md5: string;
  sha1: string;
  name: string;
  profileId: string;
  size: number;
  uploadedById: string | null;
  studies?: { id: string; name: string; slug: string }[];
  otherStudies?: number;
}

interface ApiAnswer<T> {
  status: number;
  body: T;
  headers: Headers;
}

const md5Of = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');

/** `POST /api/roms` with the raw bytes as the body (the ApiClient only sends JSON and text). */
async function upload(
  client: ApiClient,
  bytes: Uint8Array,
  query: Record<string, string> = {},
  contentType = 'application/octet-stream',
): Promise<ApiAnswer<Rom & { message: string }>> {
  const res = await fetch(`${client.baseUrl}/api/roms?${new URLSearchParams(query).toString()}`, {
    method: 'POST',
    headers: { 'content-type': contentType, authorization: `Bearer ${client.token}` },
    body: bytes,
  });
  return {
    status: res.status,
    body: (await res.json()) as Rom & { message: string },
    headers: res.headers,
  };
}

async function fetchBytes(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}/api${path}`, {
    headers: { authorization: `Bearer ${client.token}` },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}

describe('ROM library: upload, list, download, participant fetch, delete', () => {
  let t: TestApp;
  let study: SeededStudy;
  let admin: ApiClient;
  let d1: ApiClient;
  let storage: StorageService;
  const rom = assembleTestRom();
  const md5 = md5Of(rom);
  let romId: string;

  /** Sets (or, with undefined, removes) the study's `config.romId` through the studies API. */
  const bindStudy = async (id: string | undefined) => {
    const current = await admin.get<{ config: Record<string, unknown> }>(
      `/studies/${study.studyId}`,
    );
    const { romId: _old, ...config } = current.body.config;
    const saved = await admin.put(`/studies/${study.studyId}`, {
      config: id === undefined ? config : { ...config, romId: id },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  };

  beforeAll(async () => {
    t = await startTestApp();
    study = await seedStudy(t.baseUrl, 'atari-roms', 'D0001-D0002');
    admin = study.admin;
    d1 = new ApiClient(t.baseUrl, await participantToken(t.baseUrl, study.slug, 'D0001'));
    storage = t.app.get(StorageService);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds the test ROM once: 201, then 200 with the same ROM for the same bytes', async () => {
    const created = await upload(admin, rom, { name: 'OzLab test', profileId: 'ozlab-test' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      md5,
      sha1: createHash('sha1').update(rom).digest('hex'),
      name: 'OzLab test',
      profileId: 'ozlab-test',
      size: 4096,
    });
    expect(created.body).not.toHaveProperty('storageKey');
    romId = created.body.id;
    await expect(storage.get(`roms/${md5}.bin`)).resolves.toEqual(Buffer.from(rom));

    const again = await upload(admin, rom);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(romId);
    const same = await upload(admin, rom, { name: 'OzLab test', profileId: 'ozlab-test' });
    expect(same.status).toBe(200);
    expect(same.body.id).toBe(romId);
  });

  it('refuses the same MD5 under another profile or name, naming the existing ROM', async () => {
    const otherProfile = await upload(admin, rom, { profileId: 'space-invaders' });
    expect(otherProfile.status).toBe(409);
    expect(otherProfile.body.message).toContain('"OzLab test"');
    expect(otherProfile.body.message).toContain(romId);
    expect(otherProfile.body.message).toMatch(/profile ozlab-test, not space-invaders/);
    const otherName = await upload(admin, rom, { name: 'Another name' });
    expect(otherName.status).toBe(409);
    expect(otherName.body.message).toMatch(/name "OzLab test", not "Another name"/);
  });

  it('refuses bad uploads with a message', async () => {
    const tooSmall = await upload(admin, rom.slice(0, 1024), { profileId: 'ozlab-test' });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.body.message).toBe(
      'The file has 1024 bytes; an Atari 2600 ROM has at least 2048 (2 KiB)',
    );
    const tooLarge = await upload(admin, new Uint8Array(64 * 1024 + 1), {
      profileId: 'ozlab-test',
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.message).toMatch(/65537 bytes; .* at most 65536 \(64 KiB\)/);
    const huge = await upload(admin, new Uint8Array(3 * 1024 * 1024), { profileId: 'ozlab-test' });
    expect(huge.status).toBe(413);
    expect(huge.body.message).toMatch(/the limit is/);

    const unknownProfile = await upload(admin, rom, { profileId: 'no-such-game' });
    expect(unknownProfile.status).toBe(400);
    expect(unknownProfile.body.message).toMatch(/^profileId: no game profile "no-such-game"/);

    // Bytes no built-in profile knows, and no profileId: the researcher has to choose one.
    const unknownRom = rom.slice();
    unknownRom[0] ^= 0xff;
    const noProfile = await upload(admin, unknownRom);
    expect(noProfile.status).toBe(400);
    expect(noProfile.body.message).toContain(
      `no built-in game profile knows this ROM (MD5 ${md5Of(unknownRom)})`,
    );
    await expect(storage.exists(`roms/${md5Of(unknownRom)}.bin`)).resolves.toBe(false);

    expect((await upload(admin, rom, {}, 'application/x-atari-rom')).status).toBe(415);
    expect((await upload(admin, rom, { name: '  ' })).status).toBe(400);
    expect((await upload(admin, rom, { colour: 'red' })).status).toBe(400);
  });

  it('lists the library with Content-Range, sorted and filtered', async () => {
    const second = rom.slice();
    second[1] ^= 0xff;
    const b = await upload(admin, second, { name: 'A second copy', profileId: 'seaquest' });
    expect(b.status).toBe(201);

    const all = await admin.get<Rom[]>('/roms?sort=["name","ASC"]&range=[0,9]');
    expect(all.status).toBe(200);
    expect(all.headers.get('content-range')).toBe('roms 0-1/2');
    expect(all.body.map((r) => r.name)).toEqual(['A second copy', 'OzLab test']);

    const page = await admin.get<Rom[]>('/roms?sort=["size","DESC"]&range=[1,1]');
    expect(page.headers.get('content-range')).toBe('roms 1-1/2');

    const byProfile = await admin.get<Rom[]>(
      `/roms?filter=${encodeURIComponent('{"profileId":"ozlab-test"}')}`,
    );
    expect(byProfile.body.map((r) => r.id)).toEqual([romId]);
    const byMd5 = await admin.get<Rom[]>(
      `/roms?filter=${encodeURIComponent(JSON.stringify({ md5: md5.toUpperCase() }))}`,
    );
    expect(byMd5.body.map((r) => r.id)).toEqual([romId]);
    const byText = await admin.get<Rom[]>(`/roms?filter=${encodeURIComponent('{"q":"second"}')}`);
    expect(byText.body.map((r) => r.name)).toEqual(['A second copy']);
    const byIds = await admin.get<Rom[]>(
      `/roms?filter=${encodeURIComponent(JSON.stringify({ id: [romId, 'not-a-uuid'] }))}`,
    );
    expect(byIds.body.map((r) => r.id)).toEqual([romId]);

    expect((await admin.get('/roms?sort=["storageKey","ASC"]')).status).toBe(400);
    expect((await admin.delete(`/roms/${b.body.id}`)).status).toBe(200);
  });

  it('downloads the bytes, renames and rebinds with validation', async () => {
    const file = await fetchBytes(admin, `/roms/${romId}/download`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toContain('OzLab test.bin');
    expect(Buffer.from(file.bytes).equals(Buffer.from(rom))).toBe(true);

    const renamed = await admin.request<Rom>('PATCH', `/roms/${romId}`, { name: 'Test cart' });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ id: romId, name: 'Test cart', profileId: 'ozlab-test' });
    const bad = await admin.request<{ message: string }>('PATCH', `/roms/${romId}`, {
      profileId: 'nope',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^profileId: no game profile "nope"/);
    expect((await admin.request('PATCH', `/roms/${romId}`, { md5: 'x' })).status).toBe(400);
    const rebound = await admin.request<Rom>('PATCH', `/roms/${romId}`, { profileId: 'enduro' });
    expect(rebound.body.profileId).toBe('enduro');
    await admin.request('PATCH', `/roms/${romId}`, { profileId: 'ozlab-test' });
    expect((await admin.get(`/roms/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });

  it("keeps participants out of the library and serves them their study's ROM", async () => {
    expect((await d1.get('/roms')).status).toBe(403);
    expect((await fetchBytes(d1, `/roms/${romId}/download`)).status).toBe(403);
    expect((await upload(d1, rom, { profileId: 'ozlab-test' })).status).toBe(403);
    expect((await fetchBytes(admin, '/participant/rom')).status).toBe(403);

    const none = await fetchBytes(d1, '/participant/rom');
    expect(none.status).toBe(404);
    expect(none.text).toMatch(/names no ROM/);

    await bindStudy(romId);
    const served = await fetchBytes(d1, '/participant/rom');
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('x-rom-md5')).toBe(md5);
    expect(served.headers.get('x-game-profile')).toBe('ozlab-test');
    expect(served.headers.get('x-rom-id')).toBe(romId);
    expect(Buffer.from(served.bytes).equals(Buffer.from(rom))).toBe(true);

    // A study naming a ROM that is no longer there (written past the API, which may refuse it).
    await t.app
      .get(DataSource)
      .query(`UPDATE studies SET config = jsonb_set(config, '{romId}', $2) WHERE id = $1`, [
        study.studyId,
        JSON.stringify('00000000-0000-4000-8000-000000000000'),
      ]);
    const gone = await fetchBytes(d1, '/participant/rom');
    expect(gone.status).toBe(404);
    expect(gone.text).toMatch(/no longer in the library/);
    await bindStudy(romId);
  });

  it('refuses to delete a ROM a study names, then deletes it and its file', async () => {
    const shown = await admin.get<Rom>(`/roms/${romId}`);
    expect(shown.body.studies).toEqual([
      { id: study.studyId, name: 'atari-roms', slug: 'atari-roms' },
    ]);

    // Another researcher shares the library but is not told the names of others' studies.
    const created = await admin.post('/researchers', {
      email: 'bob@test.local',
      password: 'bob-password-1',
      name: 'Bob',
    });
    expect(created.status).toBe(201);
    const bob = await new ApiClient(t.baseUrl).loginResearcher('bob@test.local', 'bob-password-1');
    expect((await bob.get<Rom[]>('/roms')).body.map((r) => r.id)).toEqual([romId]);
    expect((await bob.get<Rom>(`/roms/${romId}`)).body).toMatchObject({
      studies: [],
      otherStudies: 1,
    });
    const bobRefused = await bob.delete<{ message: string }>(`/roms/${romId}`);
    expect(bobRefused.status).toBe(409);
    expect(bobRefused.body.message).toMatch(/used by 1 study\(ies\) of other researchers/);
    expect(bobRefused.body.message).not.toContain('atari-roms');

    const refused = await admin.delete<{ message: string }>(`/roms/${romId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('study "atari-roms" (atari-roms)');
    await expect(storage.exists(`roms/${md5}.bin`)).resolves.toBe(true);

    await bindStudy(undefined);
    const deleted = await admin.delete<Rom>(`/roms/${romId}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.id).toBe(romId);
    await expect(storage.exists(`roms/${md5}.bin`)).resolves.toBe(false);
    expect((await admin.get(`/roms/${romId}`)).status).toBe(404);
    expect((await admin.get<Rom[]>('/roms')).headers.get('content-range')).toBe('roms 0-0/0');
    expect((await fetchBytes(d1, '/participant/rom')).status).toBe(404);

    // Uploading it again makes a new ROM (201).
    expect((await upload(admin, rom, { profileId: 'ozlab-test' })).status).toBe(201);
  });
});
