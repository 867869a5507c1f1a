import { FormControl, InputLabel, MenuItem, Select, Stack, Typography } from '@mui/material';
import { useMemo, useState } from 'react';

import type { Hud } from '../../../src/games/robotaxi/types';
import type { AudioSource, RobotaxiReplay } from './model';
import { RobotaxiCanvas } from './RobotaxiCanvas';
import { episodeLabel, robotaxiTimeline, roundLabel, roundsOf, WHOLE_SESSION } from './timeline';
import { TimelinePlayer } from './TimelinePlayer';

interface RobotaxiViewerProps {
  replay: RobotaxiReplay;
  audio: readonly AudioSource[];
  /** The episode to open on (its key); the first one if absent or unknown. */
  initialEpisode?: string;
}

const ROUND_ALL = 'all';
const roundValue = (round: number | null) => (round === null ? 'none' : String(round));

/** A RoboTaxi session: round and episode pickers, then the player over the chosen stretch. */
export function RobotaxiViewer({ replay, audio, initialEpisode }: RobotaxiViewerProps) {
  const [selection, setSelection] = useState(() =>
    replay.episodes.some((e) => e.key === initialEpisode)
      ? (initialEpisode as string)
      : replay.episodes[0].key,
  );
  const timeline = useMemo(() => robotaxiTimeline(replay, selection), [replay, selection]);
  const rounds = useMemo(() => roundsOf(replay), [replay]);
  const current = replay.episodes.find((e) => e.key === selection);
  const round = current ? roundValue(current.round) : ROUND_ALL;
  const roundEpisodes = rounds.find((r) => roundValue(r.round) === round)?.episodes ?? [];

  const { rounds: roundCount, stepLimit, stepMs } = replay.hud;
  const huds = useMemo(
    () =>
      timeline.frames.map(({ frame, episode }): Hud => {
        const stepsLeft = Math.max(0, stepLimit - frame.step);
        return {
          round: episode.round ?? 0,
          rounds: roundCount,
          practice: episode.practice,
          stepsLeft,
          secondsLeft: Math.round((stepsLeft * stepMs) / 100) / 10,
        };
      }),
    [timeline, roundCount, stepLimit, stepMs],
  );

  const header = (
    <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
      <FormControl size="small" fullWidth={false} sx={{ width: 180 }}>
        <InputLabel id="replay-round">Round</InputLabel>
        <Select
          labelId="replay-round"
          label="Round"
          value={round}
          onChange={(event) => {
            const value = event.target.value;
            if (value === ROUND_ALL) setSelection(WHOLE_SESSION);
            else {
              const first = rounds.find((r) => roundValue(r.round) === value)?.episodes[0];
              if (first) setSelection(first.key);
            }
          }}
        >
          {rounds.map((r) => (
            <MenuItem key={roundValue(r.round)} value={roundValue(r.round)}>
              {roundLabel(r.round)}
            </MenuItem>
          ))}
          <MenuItem value={ROUND_ALL}>Whole session</MenuItem>
        </Select>
      </FormControl>
      {current && (
        <FormControl size="small" fullWidth={false} sx={{ width: 240 }}>
          <InputLabel id="replay-episode">Episode</InputLabel>
          <Select
            labelId="replay-episode"
            label="Episode"
            value={selection}
            onChange={(event) => setSelection(event.target.value)}
          >
            {roundEpisodes.map((e) => (
              <MenuItem key={e.key} value={e.key}>
                {episodeLabel(e)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
      )}
      <Typography variant="body2" color="text.secondary">
        {replay.title} · {replay.source}
      </Typography>
    </Stack>
  );

  return (
    <TimelinePlayer
      timeline={timeline}
      audio={audio}
      unit="step"
      header={header}
      renderPicture={(position) => (
        <RobotaxiCanvas state={timeline.frames[position].frame.state} hud={huds[position]} />
      )}
      renderDetails={(position) => {
        const { frame, episode } = timeline.frames[position];
        return (
          <>
            <Typography variant="subtitle1">
              {roundLabel(episode.round)}, {episodeLabel(episode)}
            </Typography>
            <Typography variant="body1">
              Step {frame.step} of {episode.frames[episode.frames.length - 1].step}
            </Typography>
            <Typography variant="body1">Score {frame.state.score}</Typography>
            {frame.state.hasAcorn && <Typography variant="body2">Carrying the acorn</Typography>}
          </>
        );
      }}
      attributes={(position) => {
        const { frame, episode } = timeline.frames[position];
        return { frame: position, step: frame.step, episode: episode.key };
      }}
    />
  );
}
