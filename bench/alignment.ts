/**
 * `npm run bench:alignment`: how closely the stored audio lines up with game events on the
 * server's timeline, measured end to end in headless Chromium (see test/support/alignment.ts for
 * the method). The API runs as its own process.
 *
 *   BENCH_SECONDS (default 30) · BENCH_BEEP_EVERY (seconds between beeps, default 0.5)
 *
 * Ends with: `alignment beeps=… mean_ms=… p95_ms=… max_ms=…` (errors as absolute values; the
 * signed mean is printed as `bias_ms`), then `remapped_p95_ms`/`remapped_max_ms`: the same with the
 * key presses mapped by the page's fitted clock afterwards (as exports map game events) rather than
 * by the live estimate, which isolates the audio path from the live clock estimate's error.
 */
import { measureAlignment } from '../test/support/alignment.js';
import { createBenchStudy, quantile, round, startBenchServer } from './support/server.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const EVERY = Number(process.env.BENCH_BEEP_EVERY ?? 0.5);

async function main() {
  const server = await startBenchServer();
  try {
    const study = await createBenchStudy(server.baseUrl, 1);
    const result = await measureAlignment({
      apiUrl: server.baseUrl,
      study: study.slug,
      participantId: 'D0001',
      researcherToken: study.researcherToken,
      seconds: SECONDS,
      every: EVERY,
    });
    const abs = result.errorsMs.map(Math.abs);
    const mean = abs.reduce((a, b) => a + b, 0) / Math.max(1, abs.length);
    const bias = result.errorsMs.reduce((a, b) => a + b, 0) / Math.max(1, abs.length);
    const remapped = result.remappedErrorsMs.map(Math.abs);
    const m = result.track.mapping;
    process.stderr.write(
      `track ${result.track.id}: ${result.track.durationSamples} samples at ${result.track.sampleRate} Hz, ` +
        `mapping rms=${m?.rmsResidualMs} max=${m?.maxResidualMs} drift=${m?.driftPpm}ppm minRtt=${m?.minRttMs}\n`,
    );
    if (process.env.BENCH_VERBOSE)
      process.stderr.write(`errors_ms ${result.errorsMs.map((e) => e.toFixed(2)).join(' ')}\n`);
    console.log(
      `alignment beeps=${result.beeps} paired=${abs.length} unpaired=${result.unpaired} ` +
        `key_presses=${result.keyPresses} mean_ms=${round(mean, 2)} bias_ms=${round(bias, 2)} ` +
        `p95_ms=${round(quantile(abs, 0.95), 2)} max_ms=${round(Math.max(...abs), 2)} ` +
        `input_latency_ms=${round(result.inputLatencyMs, 1)} ` +
        `remapped_p95_ms=${round(quantile(remapped, 0.95), 2)} remapped_max_ms=${round(Math.max(...remapped), 2)}`,
    );
  } finally {
    await server.close();
  }
}

await main();
