import PauseIcon from '@mui/icons-material/Pause';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import SkipNextIcon from '@mui/icons-material/SkipNext';
import SkipPreviousIcon from '@mui/icons-material/SkipPrevious';
import { IconButton, Stack, ToggleButton, ToggleButtonGroup, Tooltip } from '@mui/material';

import { type ReplayClock, type Speed, SPEEDS } from './useReplayClock';

interface TransportProps {
  clock: ReplayClock;
  unit: string;
  onStep: (delta: -1 | 1) => void;
}

/** Step back, play/pause, step forward, and the speed. */
export function Transport({ clock, unit, onStep }: TransportProps) {
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
      <Tooltip title={`Previous ${unit} (←)`}>
        <IconButton aria-label={`Previous ${unit}`} onClick={() => onStep(-1)}>
          <SkipPreviousIcon />
        </IconButton>
      </Tooltip>
      <IconButton
        aria-label={clock.playing ? 'Pause' : 'Play'}
        color="primary"
        size="large"
        onClick={clock.toggle}
      >
        {clock.playing ? <PauseIcon fontSize="large" /> : <PlayArrowIcon fontSize="large" />}
      </IconButton>
      <Tooltip title={`Next ${unit} (→)`}>
        <IconButton aria-label={`Next ${unit}`} onClick={() => onStep(1)}>
          <SkipNextIcon />
        </IconButton>
      </Tooltip>
      <ToggleButtonGroup
        size="small"
        exclusive
        aria-label="Speed"
        value={clock.speed}
        onChange={(_, value: Speed | null) => {
          if (value !== null) clock.setSpeed(value);
        }}
      >
        {SPEEDS.map((speed) => (
          <ToggleButton key={speed} value={speed} aria-label={`${speed}×`}>
            {speed}×
          </ToggleButton>
        ))}
      </ToggleButtonGroup>
    </Stack>
  );
}
