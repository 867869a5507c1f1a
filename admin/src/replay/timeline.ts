/** The stretch of a replay the viewer plays, and what is on screen at each position (pure). */
import type {
  AtariReplay,
  RobotaxiEpisode,
  RobotaxiFrame,
  RobotaxiReplay,
  Timeline,
} from './model';

/** The RoboTaxi episode picker's value for the whole session. */
export const WHOLE_SESSION = 'all';

export interface RobotaxiTimeline extends Timeline {
  /** Parallel to `times`: the picture of each position and its episode. */
  frames: readonly { frame: RobotaxiFrame; episode: RobotaxiEpisode }[];
}

/**
 * One episode, or the whole session (`WHOLE_SESSION`): its episodes' pictures one after the
 * other; between two episodes the last picture stays until the next episode's first.
 */
export function robotaxiTimeline(replay: RobotaxiReplay, selection: string): RobotaxiTimeline {
  const chosen =
    selection === WHOLE_SESSION
      ? replay.episodes
      : replay.episodes.filter((e) => e.key === selection);
  const episodes = chosen.length > 0 ? chosen : replay.episodes.slice(0, 1);
  const frames = episodes.flatMap((episode) => episode.frames.map((frame) => ({ frame, episode })));
  const times: number[] = [];
  let max = -Infinity;
  for (const { frame } of frames) times.push((max = Math.max(max, frame.ms)));
  return {
    startMs: times[0],
    endMs: Math.max(times[times.length - 1], episodes[episodes.length - 1].endMs),
    times,
    events: episodes.flatMap((e) => e.events),
    frames,
  };
}

export function atariTimeline(replay: AtariReplay): Timeline {
  return {
    startMs: replay.times[0],
    endMs: Math.max(replay.endMs, replay.times[replay.times.length - 1]),
    times: replay.times,
    events: replay.events,
  };
}

/** Rounds of a RoboTaxi replay, in order, with their episodes (the pickers' choices). */
export function roundsOf(
  replay: RobotaxiReplay,
): { round: number | null; episodes: RobotaxiEpisode[] }[] {
  const rounds: { round: number | null; episodes: RobotaxiEpisode[] }[] = [];
  for (const episode of replay.episodes) {
    let entry = rounds.find((r) => r.round === episode.round);
    if (!entry) rounds.push((entry = { round: episode.round, episodes: [] }));
    entry.episodes.push(episode);
  }
  return rounds;
}

export const roundLabel = (round: number | null): string =>
  round === null ? 'No round' : round === 0 ? 'Practice' : `Round ${round}`;

export const episodeLabel = (episode: RobotaxiEpisode): string =>
  `Episode ${episode.index + 1}${episode.outcome ? ` (${episode.outcome})` : ''}`;
