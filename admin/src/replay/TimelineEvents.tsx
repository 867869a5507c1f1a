import { Box, Chip, Stack } from '@mui/material';
import { memo, useMemo } from 'react';

import { type ReplayEvent, ReplayEventKind } from './model';

export const EVENT_STYLE: Record<ReplayEventKind, { colour: string; name: string }> = {
  [ReplayEventKind.Key]: { colour: '#5c6bc0', name: 'Key presses' },
  [ReplayEventKind.Reward]: { colour: '#43a047', name: 'Rewards' },
  [ReplayEventKind.Bomb]: { colour: '#e53935', name: 'Bombs' },
  [ReplayEventKind.Acorn]: { colour: '#8d6e63', name: 'Acorns' },
  [ReplayEventKind.Delivery]: { colour: '#fb8c00', name: 'Deliveries' },
  [ReplayEventKind.EpisodeEnd]: { colour: '#616161', name: 'Episode ends' },
  [ReplayEventKind.Fire]: { colour: '#5c6bc0', name: 'FIRE presses' },
  [ReplayEventKind.LifeLost]: { colour: '#e53935', name: 'Lives lost' },
  [ReplayEventKind.GameOver]: { colour: '#212121', name: 'Game over' },
  [ReplayEventKind.NewGame]: { colour: '#00897b', name: 'New games' },
  [ReplayEventKind.Pause]: { colour: '#fdd835', name: 'Pauses' },
};

interface TimelineEventsProps {
  events: readonly ReplayEvent[];
  startMs: number;
  endMs: number;
  onSeek: (ms: number) => void;
}

/** The events as ticks on one lane, one colour a kind (hover for what and when; click to go). */
export const TimelineEvents = memo(function TimelineEvents({
  events,
  startMs,
  endMs,
  onSeek,
}: TimelineEventsProps) {
  const range = Math.max(1, endMs - startMs);
  const visible = useMemo(
    () => events.filter((e) => e.ms >= startMs && e.ms <= endMs),
    [events, startMs, endMs],
  );
  return (
    <Box
      sx={{ position: 'relative', height: 20, bgcolor: 'action.hover', borderRadius: 1 }}
      data-testid="replay-events"
      data-events={visible.length}
    >
      {visible.map((event, i) => (
        <Box
          key={i}
          component="button"
          type="button"
          title={event.label}
          aria-label={event.label}
          data-event-kind={event.kind}
          onClick={() => onSeek(event.ms)}
          sx={{
            position: 'absolute',
            left: `calc(${((event.ms - startMs) / range) * 100}% - 2px)`,
            top: event.kind === ReplayEventKind.Key || event.kind === ReplayEventKind.Fire ? 10 : 0,
            width: 4,
            height:
              event.kind === ReplayEventKind.Key || event.kind === ReplayEventKind.Fire ? 10 : 20,
            p: 0,
            border: 0,
            borderRadius: 0.5,
            cursor: 'pointer',
            bgcolor: EVENT_STYLE[event.kind].colour,
            opacity: 0.85,
          }}
        />
      ))}
    </Box>
  );
});

/** Which kinds of events the lane shows, with their counts. */
export function EventLegend({ events }: { events: readonly ReplayEvent[] }) {
  const counts = useMemo(() => {
    const byKind = new Map<ReplayEventKind, number>();
    for (const e of events) byKind.set(e.kind, (byKind.get(e.kind) ?? 0) + 1);
    return [...byKind.entries()];
  }, [events]);
  if (counts.length === 0) return null;
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {counts.map(([kind, count]) => (
        <Chip
          key={kind}
          size="small"
          variant="outlined"
          label={`${EVENT_STYLE[kind].name}: ${count}`}
          icon={
            <Box
              component="span"
              sx={{ width: 10, height: 10, borderRadius: 0.5, bgcolor: EVENT_STYLE[kind].colour }}
            />
          }
        />
      ))}
    </Stack>
  );
}
