/**
 * Our Atari frames export (`GET /api/episodes/:id/frames`, `{format: 'ozlab.atari/1', episode,
 * frames}`; `FrameRecord` in src/games/common/atari-frames.ts) -> `AtariReplay` (pure).
 */
import { atariEvents, type FrameForEvents } from './events';
import {
  array,
  finite,
  isRecord,
  type JsonRecord,
  optionalNumber,
  optionalString,
  record,
} from './json';
import { type AtariInput, type AtariReplay, ReplayParseError } from './model';
import { monotonic } from './search';

export const OZLAB_ATARI_FORMAT = 'ozlab.atari/1';

/** The console's frame period (6502.ts: exactly 60 frames a second), for the last frame's end. */
export const ATARI_FRAME_MS = 1000 / 60;

export function parseAtariExport(json: JsonRecord): AtariReplay {
  const episode = isRecord(json.episode) ? json.episode : {};
  const raw = array(json.frames, 'frames');
  if (raw.length === 0) throw new ReplayParseError('frames: the episode has no frames');
  const inputs: AtariInput[] = [];
  const scores: number[] = [];
  const lives: (number | null)[] = [];
  const clientMs: number[] = [];
  const forEvents: FrameForEvents[] = [];
  raw.forEach((value, i) => {
    const at = `frames[${i}]`;
    const f = record(value, at);
    // Re-emulation replays every input in order: a missing frame would desynchronise the rest.
    if (f.frame !== i)
      throw new ReplayParseError(`${at}: expected frame ${i}, found ${String(f.frame)}`);
    const action = finite(f.action, `${at}.action`);
    const ms = finite(f.clientMs, `${at}.clientMs`);
    const hash = optionalString(f.hash);
    inputs.push({
      action,
      reset: f.reset === true,
      select: f.select === true,
      ...(hash ? { hash } : {}),
    });
    scores.push(optionalNumber(f.score) ?? 0);
    lives.push(optionalNumber(f.lives));
    clientMs.push(ms);
    const pause = isRecord(f.pause) ? f.pause : null;
    forEvents.push({
      ms,
      joystick: optionalNumber(f.joystick) ?? 0,
      reward: optionalNumber(f.reward) ?? 0,
      lives: optionalNumber(f.lives),
      terminal: f.terminal === true,
      reset: f.reset === true,
      ...(pause
        ? {
            pause: {
              ms: optionalNumber(pause.ms) ?? 0,
              reason: optionalString(pause.reason) ?? 'paused',
            },
          }
        : {}),
    });
  });
  const times = monotonic(clientMs);
  forEvents.forEach((f, i) => (f.ms = times[i]));
  const game = optionalString(episode.game) ?? 'atari';
  const index = optionalNumber(episode.index);
  return {
    kind: 'atari',
    source: 'Atari frames export',
    title: `${game}${index === null ? '' : ` episode ${index + 1}`}${episode.practice === true ? ' (practice)' : ''}`,
    episodeId: optionalString(episode.id),
    seed: optionalNumber(episode.seed) ?? 0,
    romMd5: optionalString(episode.romMd5),
    game,
    imported: episode.outcome === 'imported',
    times,
    inputs,
    scores,
    lives,
    endMs: times[times.length - 1] + ATARI_FRAME_MS,
    events: atariEvents(forEvents),
    tracks: [],
  };
}
