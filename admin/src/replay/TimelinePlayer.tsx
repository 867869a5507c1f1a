import { Alert, Box, Slider, Stack, Typography } from '@mui/material';
import { type KeyboardEvent, type ReactNode, useCallback, useRef } from 'react';

import type { AudioSource, Timeline } from './model';
import { clamp, formatClock, positionAt, stepTime } from './search';
import { EventLegend, TimelineEvents } from './TimelineEvents';
import { Transport } from './Transport';
import { useAudioSync } from './useAudioSync';
import { useReplayClock } from './useReplayClock';
import { LABEL_WIDTH, WaveformTrack } from './WaveformTrack';

export interface TimelinePlayerProps {
  timeline: Timeline;
  audio: readonly AudioSource[];
  /** The picture at a position (a step or a frame). */
  renderPicture: (position: number) => ReactNode;
  /** What the side panel says about a position (step, score, ...). */
  renderDetails: (position: number) => ReactNode;
  /** "step" or "frame", for the buttons' labels. */
  unit: string;
  /** Extra `data-*` attributes of the viewer at a position (for tests and tools). */
  attributes?: (position: number) => Record<string, string | number>;
  /** Pickers above the picture. */
  header?: ReactNode;
  /** Notes under the picture (emulation progress, warnings). */
  notes?: ReactNode;
}

/**
 * The player every replay uses: a picture that follows the viewer's clock (the times logged on
 * the server clock, not a frame rate), play/pause at 0.5×, 1× and 2×, ← and → to step, a slider,
 * the events on a lane and each audio track's waveform on the same time axis, played in sync.
 */
export function TimelinePlayer({
  timeline,
  audio,
  renderPicture,
  renderDetails,
  unit,
  attributes,
  header,
  notes,
}: TimelinePlayerProps) {
  const { startMs, endMs, times, events } = timeline;
  const clock = useReplayClock(startMs, endMs);
  const { register, playing: audioPlaying, blocked } = useAudioSync(clock);
  const position = positionAt(times, clock.timeMs);
  const rootRef = useRef<HTMLDivElement>(null);

  const { seek, pause, toggle, timeMs } = clock;
  const step = useCallback(
    (delta: -1 | 1) => {
      pause();
      seek(stepTime(times, timeMs, delta));
    },
    [pause, seek, times, timeMs],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      // Before the slider sees it: one arrow is one step or frame, not one slider unit.
      event.preventDefault();
      event.stopPropagation();
      step(event.key === 'ArrowLeft' ? -1 : 1);
    } else if (event.key === ' ' && event.target === rootRef.current) {
      event.preventDefault();
      toggle();
    }
  };

  const range = Math.max(1, endMs - startMs);
  const fraction = clamp((clock.timeMs - startMs) / range, 0, 1);
  const extra = Object.fromEntries(
    Object.entries(attributes?.(position) ?? {}).map(([k, v]) => [`data-${k}`, String(v)]),
  );

  return (
    <Box
      ref={rootRef}
      tabIndex={0}
      onKeyDownCapture={onKeyDown}
      data-testid="replay-viewer"
      data-time-ms={Math.round(clock.timeMs)}
      data-start-ms={Math.round(startMs)}
      data-end-ms={Math.round(endMs)}
      data-position={position}
      data-positions={times.length}
      data-playing={clock.playing ? 'true' : 'false'}
      data-speed={clock.speed}
      {...extra}
      sx={{
        outline: 'none',
        '&:focus-visible': { boxShadow: (t) => `0 0 0 2px ${t.palette.primary.main}` },
      }}
    >
      <Stack spacing={2}>
        {header}
        <Stack
          direction={{ xs: 'column', md: 'row' }}
          spacing={3}
          sx={{ alignItems: 'flex-start' }}
        >
          <Box sx={{ flex: '0 1 560px', width: '100%' }}>{renderPicture(position)}</Box>
          <Stack spacing={1} sx={{ minWidth: 220 }}>
            {renderDetails(position)}
            <Typography variant="body2" color="text.secondary">
              {new Date(clock.timeMs).toLocaleString(undefined, {
                hour: '2-digit',
                minute: '2-digit',
                second: '2-digit',
                fractionalSecondDigits: 3,
              })}{' '}
              (server clock)
            </Typography>
            <Typography variant="caption" color="text.secondary">
              Space plays or pauses, ← and → step one {unit}.
            </Typography>
            {notes}
          </Stack>
        </Stack>
        <Transport clock={clock} unit={unit} onStep={step} />
        {blocked && <Alert severity="warning">{blocked}</Alert>}
        <Box sx={{ position: 'relative' }}>
          <Stack spacing={1}>
            <Box sx={{ display: 'flex', alignItems: 'center' }}>
              <Typography
                variant="body2"
                sx={{ width: LABEL_WIDTH, flexShrink: 0 }}
                data-testid="replay-time"
              >
                {formatClock(clock.timeMs - startMs)} / {formatClock(endMs - startMs)}
              </Typography>
              <Slider
                aria-label="Replay time"
                size="small"
                min={startMs}
                max={endMs}
                step={1}
                value={clock.timeMs}
                onChange={(_, value: number | number[]) =>
                  seek(Array.isArray(value) ? value[0] : value)
                }
                sx={{ mx: 0, py: 1 }}
              />
            </Box>
            <Box sx={{ display: 'flex', alignItems: 'center' }}>
              <Typography variant="caption" sx={{ width: LABEL_WIDTH, flexShrink: 0 }}>
                Events
              </Typography>
              <Box sx={{ flexGrow: 1 }}>
                <TimelineEvents events={events} startMs={startMs} endMs={endMs} onSeek={seek} />
              </Box>
            </Box>
            {audio.map((track) => (
              <WaveformTrack
                key={track.id}
                track={track}
                startMs={startMs}
                endMs={endMs}
                register={register}
                playing={audioPlaying.has(track.id)}
              />
            ))}
            {audio.length === 0 && (
              <Typography variant="caption" color="text.secondary" sx={{ pl: `${LABEL_WIDTH}px` }}>
                No audio track.
              </Typography>
            )}
          </Stack>
          <Box
            aria-hidden
            sx={{
              position: 'absolute',
              top: 0,
              bottom: 0,
              left: `calc(${LABEL_WIDTH}px + (100% - ${LABEL_WIDTH}px) * ${fraction})`,
              width: '2px',
              bgcolor: 'primary.main',
              opacity: 0.6,
              pointerEvents: 'none',
            }}
          />
        </Box>
        <EventLegend events={events} />
      </Stack>
    </Box>
  );
}
