/**
 * RoboTaxi logs -> `RobotaxiReplay` (pure): our session export (`ozlab.robotaxi/1`, server ms
 * everywhere, see src/modules/sessions/robotaxi-export.ts) and the original Wizard-of-Oz log
 * shape (`{pair, log: {"round-N": {"episode-M": {"<step>": {obs, ...}}}}, audio_log, config}`,
 * times in Unix seconds), which is also our `compat` export.
 */
import type { GameState, Orientation } from '../../../src/games/robotaxi/types';
import { robotaxiEvents, routineReward, type StepForEvents } from './events';
import {
  array,
  finite,
  isRecord,
  type JsonRecord,
  median,
  optionalDateMs,
  optionalNumber,
  optionalString,
  record,
} from './json';
import {
  type LoggedTrack,
  type RobotaxiEpisode,
  type RobotaxiFrame,
  type RobotaxiHudSettings,
  type RobotaxiReplay,
  ReplayParseError,
} from './model';
import { monotonic } from './search';

export const OZLAB_ROBOTAXI_FORMAT = 'ozlab.robotaxi/1';

/** A logged `endedAt` later than this after the last step is not used as the episode's end. */
const MAX_TAIL_MS = 60_000;
const DEFAULT_STEP_MS = 1000;

interface EpisodeDraft {
  key: string;
  round: number | null;
  practice: boolean;
  outcome: string | null;
  frames: RobotaxiFrame[];
  steps: StepForEvents[];
  endedAtMs: number | null;
}

/** The settings the HUD shows, from the study config when it has them, else from the log. */
function hudSettings(config: JsonRecord, drafts: readonly EpisodeDraft[]): RobotaxiHudSettings {
  const intervals: number[] = [];
  for (const d of drafts)
    for (let i = 1; i < d.frames.length; i++) intervals.push(d.frames[i].ms - d.frames[i - 1].ms);
  const rounds = Math.max(1, ...drafts.map((d) => d.round ?? 0));
  const steps = Math.max(1, ...drafts.map((d) => d.frames[d.frames.length - 1].step));
  return {
    rounds: optionalNumber(config.rounds) ?? rounds,
    stepLimit: optionalNumber(config.stepLimit) ?? steps,
    stepMs: optionalNumber(config.stepMs) ?? median(intervals) ?? DEFAULT_STEP_MS,
  };
}

function finish(drafts: EpisodeDraft[], hud: RobotaxiHudSettings, stepReward: number | null) {
  const all = drafts.flatMap((d) => d.steps.map((s) => s.reward));
  const routine = stepReward ?? routineReward(all);
  return drafts
    .sort((a, b) => a.frames[0].ms - b.frames[0].ms)
    .map((d, index): RobotaxiEpisode => {
      const times = monotonic(d.frames.map((f) => f.ms));
      const frames = d.frames.map((f, i) => ({ ...f, ms: times[i] }));
      const last = frames[frames.length - 1];
      const tail =
        d.endedAtMs !== null && d.endedAtMs > last.ms && d.endedAtMs - last.ms <= MAX_TAIL_MS
          ? d.endedAtMs
          : last.ms + hud.stepMs;
      return {
        key: d.key,
        index,
        round: d.round,
        practice: d.practice,
        outcome: d.outcome,
        score: last.state.score,
        frames,
        endMs: tail,
        events: robotaxiEvents(d.steps, routine),
      };
    });
}

function stepRewardOf(config: JsonRecord): number | null {
  return isRecord(config.rewards) ? optionalNumber(config.rewards.step) : null;
}

// ------------------------------------------------------------------------------ ozlab export

function gameState(value: unknown, what: string): GameState {
  const state = record(value, what);
  if (!Array.isArray(state.map) || !isRecord(state.rover))
    throw new ReplayParseError(`${what}: expected a game state with map and rover`);
  return state as unknown as GameState;
}

function exportTrack(value: unknown, i: number): LoggedTrack | null {
  const t = record(value, `recordings[${i}]`);
  const sampleRate = optionalNumber(t.sampleRate);
  const mapping = isRecord(t.mapping) ? t.mapping : null;
  if (t.status !== 'finalized' || !sampleRate || !mapping) return null;
  const interceptMs = optionalNumber(mapping.interceptMs);
  const msPerSample = optionalNumber(mapping.msPerSample);
  const samples = optionalNumber(t.durationSamples);
  const label = [optionalString(t.participantCode), optionalString(t.role), optionalString(t.kind)]
    .filter(Boolean)
    .join(' ');
  return {
    id: String(t.id),
    label: label || `track ${i + 1}`,
    placement:
      interceptMs !== null && msPerSample ? { interceptMs, msPerSample, sampleRate } : null,
    durationS: samples === null ? null : samples / sampleRate,
  };
}

export function parseRobotaxiExport(json: JsonRecord): RobotaxiReplay {
  const study = isRecord(json.study) ? json.study : {};
  const config = isRecord(study.config) ? study.config : {};
  const session = isRecord(json.session) ? json.session : {};
  const drafts: EpisodeDraft[] = [];
  array(json.episodes, 'episodes').forEach((raw, e) => {
    const episode = record(raw, `episodes[${e}]`);
    const where = `episodes[${e}]`;
    const steps = array(episode.steps, `${where}.steps`).map((s, i) =>
      record(s, `${where}.steps[${i}]`),
    );
    const frames: RobotaxiFrame[] = [];
    const startedMs = optionalDateMs(episode.startedAt);
    const firstStepMs = steps.length
      ? finite(steps[0].serverMs, `${where}.steps[0].serverMs`)
      : null;
    if (isRecord(episode.initialState)) {
      const ms = startedMs ?? firstStepMs;
      if (ms === null) throw new ReplayParseError(`${where}: no start time`);
      frames.push({
        ms: firstStepMs === null ? ms : Math.min(ms, firstStepMs),
        step: 0,
        state: gameState(episode.initialState, `${where}.initialState`),
      });
    }
    const forEvents: StepForEvents[] = steps.map((step, i) => {
      const at = `${where}.steps[${i}]`;
      const ms = finite(step.serverMs, `${at}.serverMs`);
      const index = optionalNumber(step.index) ?? i + 1;
      frames.push({ ms, step: index, state: gameState(step.state, `${at}.state`) });
      const info = isRecord(step.info) ? step.info : {};
      const keys = Array.isArray(step.keypresses) ? step.keypresses.filter(isRecord) : [];
      return {
        ms,
        step: index,
        reward: optionalNumber(step.reward) ?? 0,
        reached: optionalString(info.reached),
        outcome: optionalString(step.outcome) ?? optionalString(info.outcome),
        keys: keys.map((k) => ({
          action: optionalNumber(k.action) ?? 0,
          ms: optionalNumber(k.clientMs) ?? optionalNumber(k.serverMs) ?? ms,
        })),
      };
    });
    if (frames.length === 0) return; // An episode that never showed anything.
    drafts.push({
      key: optionalString(episode.id) ?? `episode-${e}`,
      round: optionalNumber(episode.round),
      practice: episode.practice === true,
      outcome: optionalString(episode.outcome),
      frames,
      steps: forEvents,
      endedAtMs: optionalDateMs(episode.endedAt),
    });
  });
  if (drafts.length === 0) throw new ReplayParseError('The export has no episode with steps');
  const hud = hudSettings(config, drafts);
  const teacher = isRecord(json.teacher) ? optionalString(json.teacher.participantId) : null;
  const wizard = isRecord(json.wizard) ? optionalString(json.wizard.participantId) : null;
  const tracks = (Array.isArray(json.recordings) ? json.recordings : [])
    .map(exportTrack)
    .filter((t): t is LoggedTrack => t !== null);
  return {
    kind: 'robotaxi',
    source: 'RoboTaxi export',
    title: `${optionalString(study.name) ?? 'RoboTaxi'}: ${teacher ?? '?'} and ${wizard ?? '?'}`,
    sessionId: optionalString(session.id),
    episodes: finish(drafts, hud, stepRewardOf(config)),
    hud,
    tracks,
  };
}

// ------------------------------------------------------------------- Wizard-of-Oz (compat) log

const ORIENTATIONS: readonly string[] = ['UP', 'RIGHT', 'DOWN', 'LEFT'];
const numbered = (key: string, prefix: string): number | null => {
  const match = new RegExp(`^${prefix}-(\\d+)$`).exec(key);
  return match ? Number(match[1]) : null;
};

/** A compat step's observation as a game state the renderer can draw. */
function compatState(obs: JsonRecord, step: number, done: boolean, info: JsonRecord, at: string) {
  const map = array(obs.map, `${at}.obs.map`);
  const rover = array(obs.rover, `${at}.obs.rover`);
  const rows = map.length;
  const cols = Array.isArray(map[0]) ? map[0].length : 0;
  if (!rows || !cols || map.some((row) => !Array.isArray(row) || row.length !== cols))
    throw new ReplayParseError(`${at}.obs.map: expected equal rows of cells`);
  const orientation = String(obs.orientation);
  const outcome = optionalString(info.outcome);
  const state: GameState = {
    rows,
    cols,
    map: map as GameState['map'],
    rover: {
      x: finite(rover[0], `${at}.obs.rover[0]`),
      y: finite(rover[1], `${at}.obs.rover[1]`),
      orientation: (ORIENTATIONS.includes(orientation) ? orientation : 'DOWN') as Orientation,
    },
    hasAcorn: obs.has_acorn === true,
    step,
    score: optionalNumber(obs.score) ?? 0,
    done,
    outcome: outcome as GameState['outcome'],
    recentActions: [],
    rng: 0,
  };
  return state;
}

/** Seconds (the compat shape) to ms; a value that is already ms (> year 5000 in s) is kept. */
const toMs = (value: number) => (value > 1e11 ? value : value * 1000);

/**
 * The start times (ms) the compat `audio_log` gives, per entry, with a label: our compat export
 * writes `{teacher: [{start_timestamp, ms_per_sample, sample_rate, ...}], wizard: [...]}`; an
 * original log may hold other keys, so any entry with a start time is taken.
 */
export function compatTracks(audioLog: unknown): LoggedTrack[] {
  const tracks: LoggedTrack[] = [];
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path} ${i + 1}`));
    else if (isRecord(value)) {
      const start =
        optionalNumber(value.start_timestamp) ??
        optionalNumber(value.start_time) ??
        optionalNumber(value.start) ??
        optionalNumber(value.timestamp);
      if (start === null) {
        for (const [key, v] of Object.entries(value)) visit(v, path ? `${path} ${key}` : key);
        return;
      }
      const sampleRate = optionalNumber(value.sample_rate) ?? 48_000;
      const msPerSample = optionalNumber(value.ms_per_sample) ?? 1000 / sampleRate;
      const who = [optionalString(value.participant), optionalString(value.kind)]
        .filter(Boolean)
        .join(' ');
      tracks.push({
        id: optionalString(value.track_id) ?? `audio-log-${tracks.length}`,
        label: `${path.trim()}${who ? ` (${who})` : ''}`,
        placement: { interceptMs: toMs(start), msPerSample, sampleRate },
        durationS: optionalNumber(value.duration_s),
      });
    }
  };
  visit(audioLog, '');
  return tracks;
}

export function parseCompatLog(json: JsonRecord): RobotaxiReplay {
  const log = record(json.log, 'log');
  const config = isRecord(json.config) ? json.config : {};
  const drafts: EpisodeDraft[] = [];
  const rounds = Object.keys(log)
    .map((key) => ({ key, n: numbered(key, 'round') }))
    .filter((r): r is { key: string; n: number } => r.n !== null)
    .sort((a, b) => a.n - b.n);
  if (rounds.length === 0) throw new ReplayParseError('log: expected "round-N" entries');
  for (const round of rounds) {
    const episodes = record(log[round.key], `log.${round.key}`);
    const keys = Object.keys(episodes)
      .map((key) => ({ key, n: numbered(key, 'episode') }))
      .filter((e): e is { key: string; n: number } => e.n !== null)
      .sort((a, b) => a.n - b.n);
    for (const episode of keys) {
      const where = `log.${round.key}.${episode.key}`;
      const stepsByKey = record(episodes[episode.key], where);
      const stepKeys = Object.keys(stepsByKey)
        .filter((k) => /^\d+$/.test(k))
        .sort((a, b) => Number(a) - Number(b));
      const frames: RobotaxiFrame[] = [];
      const steps: StepForEvents[] = [];
      let outcome: string | null = null;
      for (const key of stepKeys) {
        const at = `${where}.${key}`;
        const s = record(stepsByKey[key], at);
        const info = isRecord(s.info) ? s.info : {};
        const ms = toMs(finite(s.ts_end_timestamp, `${at}.ts_end_timestamp`));
        const step = Number(key);
        frames.push({
          ms,
          step,
          state: compatState(record(s.obs, `${at}.obs`), step, s.done === true, info, at),
        });
        const stepOutcome = optionalString(info.outcome);
        outcome = stepOutcome ?? outcome;
        const hist = Array.isArray(s.keypress_hist) ? s.keypress_hist : [];
        steps.push({
          ms,
          step,
          reward: optionalNumber(s.reward) ?? 0,
          reached: optionalString(info.reached),
          outcome: stepOutcome,
          keys: hist
            .filter((k): k is unknown[] => Array.isArray(k) && typeof k[1] === 'number')
            .map((k) => ({ action: optionalNumber(k[0]) ?? 0, ms: toMs(k[1] as number) })),
        });
      }
      if (frames.length === 0) continue;
      drafts.push({
        key: `${round.key}/${episode.key}`,
        round: round.n,
        practice: round.n === 0,
        outcome,
        frames,
        steps,
        endedAtMs: null,
      });
    }
  }
  if (drafts.length === 0) throw new ReplayParseError('log: no episode has steps');
  const hud = hudSettings(config, drafts);
  return {
    kind: 'robotaxi',
    source: 'Wizard-of-Oz log',
    title: `RoboTaxi pair ${optionalString(json.pair) ?? '?'}`,
    sessionId: optionalString(json.session_id),
    episodes: finish(drafts, hud, stepRewardOf(config)),
    hud,
    tracks: compatTracks(json.audio_log),
  };
}
