/** An Atari study whose ROM is the homebrew test ROM, set up through the API as the admin does. */
import { createHash } from 'node:crypto';
import { assembleTestRom } from './atari-rom.js';
import { type SeededStudy, seedStudy } from './participants.js';

export interface AtariStudy extends SeededStudy {
  romId: string;
  romMd5: string;
}

export async function setupAtariStudy(
  baseUrl: string,
  slug: string,
  range: string,
): Promise<AtariStudy> {
  const study = await seedStudy(baseUrl, slug, range, 'atari-demo');
  const rom = assembleTestRom();
  const res = await fetch(`${baseUrl}/api/roms?name=OzLab%20test&profileId=ozlab-test`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      authorization: `Bearer ${study.admin.token}`,
    },
    body: rom,
  });
  if (res.status >= 300) throw new Error(`upload ROM: ${res.status} ${await res.text()}`);
  const { id: romId } = (await res.json()) as { id: string };
  const put = await study.admin.put(`/studies/${study.studyId}`, {
    config: { consentText: 'We record your voice.', instructions: 'Play.', romId },
  });
  if (put.status !== 200) throw new Error(`set romId: ${JSON.stringify(put.body)}`);
  return { ...study, romId, romMd5: createHash('md5').update(rom).digest('hex') };
}
