/** A benchmark Atari study: the test ROM in the library, `count` consented demonstrators. */
import { assembleTestRom } from '../../test/support/atari-rom.js';
import { apiCall, createBenchStudy } from './server.js';

export async function setupAtariStudyForBench(
  baseUrl: string,
  count: number,
): Promise<{ tokens: Map<string, string> }> {
  const study = await createBenchStudy(baseUrl, count);
  const res = await fetch(`${baseUrl}/api/roms?name=OzLab%20test&profileId=ozlab-test`, {
    method: 'POST',
    headers: {
      'content-type': 'application/octet-stream',
      authorization: `Bearer ${study.researcherToken}`,
    },
    body: assembleTestRom(),
  });
  if (res.status >= 300) throw new Error(`upload ROM: ${res.status} ${await res.text()}`);
  const { id: romId } = (await res.json()) as { id: string };
  await apiCall(
    baseUrl,
    'PUT',
    `/studies/${study.studyId}`,
    { config: { consentText: 'Benchmark', instructions: 'Benchmark', romId } },
    study.researcherToken,
  );
  return { tokens: study.tokens };
}
