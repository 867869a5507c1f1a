import { Alert, LinearProgress, Stack, Typography } from '@mui/material';
import { useEffect, useMemo } from 'react';

import { AtariCanvas } from './AtariCanvas';
import { useAtariEmulator } from './atari/useAtariEmulator';
import type { AtariReplay, AudioSource } from './model';
import { atariTimeline } from './timeline';
import { TimelinePlayer } from './TimelinePlayer';

interface AtariViewerProps {
  replay: AtariReplay;
  audio: readonly AudioSource[];
  /** The ROM the episode was played with; without it there are no pictures. */
  rom: Uint8Array | null;
  /** Why there is no ROM (shown instead of the picture). */
  romMissing?: string;
}

/** Asks the emulator for the frame at the position whenever it changes. */
function FrameRequest({ position, request }: { position: number; request: (i: number) => void }) {
  useEffect(() => request(position), [position, request]);
  return null;
}

/** An Atari episode, its frames re-emulated in the browser from the logged inputs. */
export function AtariViewer({ replay, audio, rom, romMissing }: AtariViewerProps) {
  const timeline = useMemo(() => atariTimeline(replay), [replay]);
  const { status, frame, request } = useAtariEmulator(rom, replay.seed, replay.inputs);
  const total = replay.inputs.length;

  const notes = (
    <Stack spacing={1}>
      {rom && status.emulated < total && !status.error && (
        <>
          <Typography variant="caption">
            Re-emulating: {status.emulated} of {total} frames
          </Typography>
          <LinearProgress variant="determinate" value={(status.emulated / total) * 100} />
        </>
      )}
      {rom && status.emulated >= total && (
        <Typography variant="caption" color="text.secondary">
          All {total} frames re-emulated ({Math.round(status.storedBytes / 1024)} KB kept).
        </Typography>
      )}
      {status.error && <Alert severity="error">Emulator: {status.error}</Alert>}
      {status.mismatch !== null && (
        <Alert severity="warning">
          From frame {status.mismatch} the re-emulated picture differs from what the participant saw
          (its frame hash does not match the log).
        </Alert>
      )}
      {replay.imported && (
        <Alert severity="info">
          Imported from the earlier study: it began from a save state this emulator cannot load, so
          the pictures may not be what was played. Times, events and audio are as logged.
        </Alert>
      )}
      {!rom && <Alert severity="info">{romMissing ?? 'No ROM: the pictures need it.'}</Alert>}
    </Stack>
  );

  return (
    <TimelinePlayer
      timeline={timeline}
      audio={audio}
      unit="frame"
      notes={notes}
      header={
        <Typography variant="body2" color="text.secondary">
          {replay.title} · {replay.source} · seed {replay.seed}
        </Typography>
      }
      renderPicture={(position) => (
        <>
          <FrameRequest position={position} request={request} />
          <AtariCanvas
            image={frame?.image ?? null}
            label={`Frame ${frame?.index ?? 'none'} of ${replay.title}`}
          />
        </>
      )}
      renderDetails={(position) => (
        <>
          <Typography variant="body1">
            Frame {position} of {total - 1}
          </Typography>
          <Typography variant="body1">Score {replay.scores[position]}</Typography>
          {replay.lives[position] !== null && (
            <Typography variant="body1">Lives {replay.lives[position]}</Typography>
          )}
          {frame && frame.index !== position && (
            <Typography variant="caption" color="text.secondary">
              Showing frame {frame.index} until frame {position} is emulated
            </Typography>
          )}
        </>
      )}
      attributes={(position) => ({
        frame: position,
        'shown-frame': frame?.index ?? -1,
        emulated: status.emulated,
      })}
    />
  );
}
