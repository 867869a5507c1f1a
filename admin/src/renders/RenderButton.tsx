import MovieCreationIcon from '@mui/icons-material/MovieCreation';
import TuneIcon from '@mui/icons-material/Tune';
import {
  Button,
  ButtonGroup,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormLabel,
  MenuItem,
  Radio,
  RadioGroup,
  Stack,
  TextField,
} from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { type Identifier, Link, useCreatePath, useDataProvider, useNotify } from 'react-admin';

import type { OzDataProvider } from '../dataProvider';
import { getErrorMessage } from '../dataProvider/apiError';
import { realtime } from '../realtime';
import {
  RENDER_AUDIO_CHOICES,
  RENDER_CONTAINER_CHOICES,
  RENDERS,
  type Render,
  type RenderAudioMode,
  type RenderContainer,
  type RenderRequest,
} from './types';

const FPS_LIMITS = { min: 1, max: 60 };

/** Queues renders and says what happened, with a link to the render. */
function useQueueRender() {
  const dataProvider = useDataProvider<OzDataProvider>();
  const notify = useNotify();
  const createPath = useCreatePath();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);

  const queue = async (episodeId: Identifier, options: RenderRequest): Promise<boolean> => {
    setBusy(true);
    try {
      const { render, created } = await dataProvider.queueRender(episodeId, options);
      // The study may be newer than the live connection: ask for its events too.
      realtime.subscribeStudies([render.studyId]);
      await queryClient.invalidateQueries({ queryKey: [RENDERS] });
      notify(<RenderQueuedMessage render={render} created={created} createPath={createPath} />, {
        type: 'info',
      });
      return true;
    } catch (error) {
      notify(getErrorMessage(error, 'The render could not be queued'), { type: 'error' });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { queue, busy };
}

function RenderQueuedMessage({
  render,
  created,
  createPath,
}: {
  render: Render;
  created: boolean;
  createPath: ReturnType<typeof useCreatePath>;
}) {
  const what = created
    ? 'Render queued.'
    : render.status === 'rendering'
      ? 'This video is rendering already.'
      : 'Render queued again.';
  return (
    <span>
      {what}{' '}
      <Link to={createPath({ resource: RENDERS, id: render.id, type: 'show' })}>
        Open the render
      </Link>
    </span>
  );
}

/**
 * "Render video" for one episode: queues `POST /api/episodes/:id/renders` with the game's default
 * options; the options button opens a small dialog (audio, container, frame rate).
 */
export function RenderButton({
  episodeId,
  disabled = false,
}: {
  episodeId: Identifier;
  disabled?: boolean;
}) {
  const { queue, busy } = useQueueRender();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ButtonGroup variant="contained" size="small" disabled={disabled || busy}>
        <Button startIcon={<MovieCreationIcon />} onClick={() => void queue(episodeId, {})}>
          Render video
        </Button>
        <Button aria-label="Render video with options" onClick={() => setOpen(true)}>
          <TuneIcon fontSize="small" />
        </Button>
      </ButtonGroup>
      <RenderOptionsDialog
        open={open}
        busy={busy}
        onClose={() => setOpen(false)}
        onSubmit={async (options) => {
          if (await queue(episodeId, options)) setOpen(false);
        }}
      />
    </>
  );
}

/** Audio, container and frame rate of a render; a blank frame rate is the game's default. */
export function RenderOptionsDialog({
  open,
  busy,
  onClose,
  onSubmit,
  title = 'Render video',
}: {
  open: boolean;
  busy: boolean;
  onClose: () => void;
  onSubmit: (options: RenderRequest) => Promise<void>;
  title?: string;
}) {
  const titleId = useId();
  const [audio, setAudio] = useState<RenderAudioMode>('mix');
  const [container, setContainer] = useState<RenderContainer>('mp4');
  const [fps, setFps] = useState('');
  const fpsValue = fps.trim() === '' ? undefined : Number(fps);
  const fpsError =
    fpsValue !== undefined &&
    (!Number.isInteger(fpsValue) || fpsValue < FPS_LIMITS.min || fpsValue > FPS_LIMITS.max)
      ? `A whole number from ${FPS_LIMITS.min} to ${FPS_LIMITS.max}`
      : null;

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby={titleId} maxWidth="xs" fullWidth>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (fpsError) return;
          void onSubmit({ audio, container, ...(fpsValue !== undefined ? { fps: fpsValue } : {}) });
        }}
      >
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            <FormControl>
              <FormLabel id={`${titleId}-audio`}>Audio</FormLabel>
              <RadioGroup
                aria-labelledby={`${titleId}-audio`}
                value={audio}
                onChange={(event) => setAudio(event.target.value as RenderAudioMode)}
              >
                {RENDER_AUDIO_CHOICES.map((choice) => (
                  <FormControlLabel
                    key={choice.id}
                    value={choice.id}
                    control={<Radio size="small" />}
                    label={choice.name}
                  />
                ))}
              </RadioGroup>
            </FormControl>
            <TextField
              select
              label="Container"
              size="small"
              value={container}
              onChange={(event) => setContainer(event.target.value as RenderContainer)}
            >
              {RENDER_CONTAINER_CHOICES.map((choice) => (
                <MenuItem key={choice.id} value={choice.id}>
                  {choice.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              label="Frames per second"
              size="small"
              type="number"
              value={fps}
              onChange={(event) => setFps(event.target.value)}
              error={!!fpsError}
              helperText={fpsError ?? "Blank: the game's default (RoboTaxi 30, Atari 60)"}
              slotProps={{ htmlInput: { min: FPS_LIMITS.min, max: FPS_LIMITS.max, step: 1 } }}
            />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="contained" disabled={busy || !!fpsError}>
            Queue render
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
