import { Box, LinearProgress } from '@mui/material';

import {
  LEVEL_STALE_MS,
  levelPercent,
  type SpeakerLevel,
} from '../../../src/games/common/dashboard-events';

/**
 * A speaker's audio level: a small bar from -60 dB (empty) to 0 dB, grey when the level is stale
 * or missing. `data-level` carries the percentage for tests.
 */
export function LevelMeter({
  level,
  nowMs,
  name,
}: {
  level: SpeakerLevel | null;
  nowMs: number;
  name: string;
}) {
  const percent = levelPercent(level, nowMs);
  const fresh = !!level && nowMs - level.atMs <= LEVEL_STALE_MS;
  const text = fresh
    ? `${Math.round(level.rmsDb)} dB (peak ${Math.round(level.peakDb)} dB)`
    : 'no level';
  return (
    <Box sx={{ width: 64 }} title={text}>
      <LinearProgress
        variant="determinate"
        value={percent}
        color={fresh && level.peakDb > -1 ? 'error' : fresh ? 'success' : 'inherit'}
        sx={{ height: 6, borderRadius: 1, opacity: fresh ? 1 : 0.4 }}
        aria-label={`Audio level of ${name}`}
        aria-valuetext={text}
        data-level={percent}
      />
    </Box>
  );
}
