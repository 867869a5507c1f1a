/**
 * `npm run bench:gateway -- --sessions 100 --step-ms 100 --seconds 30`: that many RoboTaxi
 * sessions played at once by simulated teacher + wizard pages (socket.io-client, the real protocol,
 * real logins) against the API in its own process with the real Postgres. Every step is persisted
 * before it is emitted, as in a study.
 *
 * latency: from the server's emit of a step (`frame.serverMs`) to its receipt by a client (both
 * read the same machine clock) · lost: steps a client never received (gaps in its sequence) ·
 * out_of_order: steps received after a later one · on_time_pct: frames received against the
 * frames due had every session stepped exactly every step_ms · api_cpu_pct: the API process's CPU time over
 * the timed window (100 = one core).
 *
 * Ends with: `gateway sessions=… step_ms=… steps=… p50_ms=… p99_ms=… lost=… out_of_order=… api_cpu_pct=…`
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

import { participantToken, Player } from '../test/support/robotaxi-player.js';
import { apiCall, cpuSeconds, quantile, round, startBenchServer, ADMIN } from './support/server.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '100' },
    'step-ms': { type: 'string', default: '100' },
    seconds: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '3' },
  },
});
const SESSIONS = Number(values.sessions);
const STEP_MS = Number(values['step-ms']);
const SECONDS = Number(values.seconds);
const WARMUP_S = Number(values.warmup);
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(4, '0')}`;
const now = () => performance.timeOrigin + performance.now();

async function main() {
  const server = await startBenchServer();
  const players: Player[] = [];
  try {
    const { token } = await apiCall<{ token: string }>(
      server.baseUrl,
      'POST',
      '/auth/login',
      ADMIN,
    );
    const slug = 'bench-gateway';
    const study = await apiCall<{ id: string }>(
      server.baseUrl,
      'POST',
      '/studies',
      {
        name: 'Gateway benchmark',
        slug,
        kind: 'woz-robotaxi',
        config: {
          consentText: 'Benchmark',
          instructions: 'Benchmark',
          stepMs: STEP_MS,
          stepLimit: 1000,
          rounds: 20,
          practiceRound: false,
          bombCountdownMs: 0,
          roundCountdownMs: 0,
        },
      },
      token,
    );
    for (const prefix of ['T', 'W'])
      await apiCall(
        server.baseUrl,
        'POST',
        `/studies/${study.id}/participants/range`,
        { range: `${id(prefix, 1)}-${id(prefix, SESSIONS)}` },
        token,
      );

    let timing = false;
    const latencies: number[] = [];
    let steps = 0;
    let lost = 0;
    let outOfOrder = 0;
    const makePlayer = (participantId: string, tok: string) => {
      let episode = '';
      let last = -1;
      const player = new Player(server.baseUrl, tok, {
        keepFrames: false,
        onStep: (frame, receivedMs) => {
          if (frame.episodeId !== episode) {
            episode = frame.episodeId;
            last = frame.step - 1;
          }
          if (timing) {
            latencies.push(receivedMs - frame.serverMs);
            steps++;
            if (frame.step <= last) outOfOrder++;
            else if (frame.step > last + 1) lost += frame.step - last - 1;
          }
          if (frame.step > last) last = frame.step;
          if (participantId.startsWith('W') && !frame.done)
            void player
              .emit('key', { action: 1 + (frame.step % 4), seq: frame.step, clientMs: now() })
              .catch(() => undefined);
        },
      });
      return player;
    };
    for (let n = 1; n <= SESSIONS; n++) {
      const [teacher, wizard] = await Promise.all(
        ['T', 'W'].map((p) => participantToken(server.baseUrl, slug, id(p, n))),
      );
      players.push(makePlayer(id('T', n), teacher), makePlayer(id('W', n), wizard));
    }
    await Promise.all(players.map((p) => p.phase('playing', 60_000)));
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));

    timing = true;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const cpu0 = cpuSeconds(server.pid);
    const t0 = now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    timing = false;
    loop.disable();
    const elapsedS = (now() - t0) / 1000;
    const cpuPct = ((cpuSeconds(server.pid) - cpu0) / elapsedS) * 100;
    // Frames the clients should have received had every session stepped exactly on time.
    const due = (SESSIONS * 2 * elapsedS * 1000) / STEP_MS;

    for (const p of players) p.close();
    console.log(
      `gateway sessions=${SESSIONS} step_ms=${STEP_MS} steps=${steps} on_time_pct=${round((steps / due) * 100, 0)} p50_ms=${round(quantile(latencies, 0.5), 2)} p99_ms=${round(quantile(latencies, 0.99), 2)} max_ms=${round(Math.max(...latencies), 1)} lost=${lost} out_of_order=${outOfOrder} api_cpu_pct=${round(cpuPct, 0)} client_loop_p99_ms=${round(loop.percentile(99) / 1e6, 1)}`,
    );
  } finally {
    for (const p of players) p.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
