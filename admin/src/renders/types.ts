import type { RenderStatusName } from '../../../src/games/common/dashboard-events';

export type { RenderStatusName, RenderUpdate } from '../../../src/games/common/dashboard-events';

/** The resource name (`GET /api/renders`, `<Resource name="renders">`). */
export const RENDERS = 'renders';

/** `RENDER_AUDIO_MODES` / `RENDER_CONTAINERS` of src/modules/replay/render-options.ts. */
export const RENDER_AUDIO_CHOICES = [
  { id: 'mix', name: 'Mixed into one track' },
  { id: 'separate', name: 'One track per speaker' },
  { id: 'none', name: 'No audio' },
] as const;
export const RENDER_CONTAINER_CHOICES = [
  { id: 'mp4', name: 'MP4' },
  { id: 'mov', name: 'MOV' },
] as const;
export type RenderAudioMode = (typeof RENDER_AUDIO_CHOICES)[number]['id'];
export type RenderContainer = (typeof RENDER_CONTAINER_CHOICES)[number]['id'];

/** The options as the server resolved them (the game's default where none was asked). */
export interface RenderOptions {
  fps: number;
  width: number;
  height: number;
  audio: RenderAudioMode;
  container: RenderContainer;
}

/** What `POST /api/episodes/:id/renders` and `POST /api/renders/bulk` take; all optional. */
export type RenderRequest = Partial<RenderOptions>;

/** A video of one episode (`GET /api/renders`). */
export interface Render {
  id: string;
  episodeId: string;
  studyId: string;
  status: RenderStatusName;
  options: RenderOptions;
  framesWritten: number;
  framesTotal: number | null;
  audioTracks:
    { recordingId: string; label: string; offsetMs: number; rate: number | null }[] | null;
  storageKey: string | null;
  bytes: number | null;
  durationMs: number | null;
  /** The cause, then the last lines of ffmpeg's stderr. */
  error: string | null;
  attempts: number;
  startedAt: string | null;
  completedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const STATUS_CHOICES = [
  { id: 'queued', name: 'Queued' },
  { id: 'rendering', name: 'Rendering' },
  { id: 'completed', name: 'Completed' },
  { id: 'failed', name: 'Failed' },
  { id: 'cancelled', name: 'Cancelled' },
] satisfies { id: RenderStatusName; name: string }[];

export const isOpen = (status: RenderStatusName): boolean =>
  status === 'queued' || status === 'rendering';
