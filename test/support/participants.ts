import type { StudyKind } from '../../src/games/common/api.js';
import { ApiClient } from './app.js';

export interface SeededStudy {
  studyId: string;
  slug: string;
  admin: ApiClient;
}

/** A study with the participants of `range` (e.g. `D0001-D0003`) registered, through the API. */
export async function seedStudy(
  baseUrl: string,
  slug: string,
  range: string,
  kind: StudyKind = 'atari-demo',
): Promise<SeededStudy> {
  const admin = await new ApiClient(baseUrl).loginResearcher();
  const study = await admin.post<{ id: string }>('/studies', {
    name: slug,
    slug,
    kind,
    config: { consentText: 'We record your voice.', instructions: 'Speak while you play.' },
  });
  if (study.status !== 201) throw new Error(`create study: ${JSON.stringify(study.body)}`);
  const reg = await admin.post(`/studies/${study.body.id}/participants/range`, { range });
  if (reg.status !== 201) throw new Error(`register ${range}: ${JSON.stringify(reg.body)}`);
  return { studyId: study.body.id, slug, admin };
}
