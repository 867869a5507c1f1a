/**
 * The researcher dashboard's socket.io protocol, shared by the gateway
 * (`src/modules/dashboard/`) and the admin (`admin/src/realtime/`, `admin/src/renders/`). Pure:
 * types, constants and small helpers. The zod schemas of the client payloads are in
 * `dashboard-schemas.ts`, so that the admin, which imports values from here, does not bundle zod.
 *
 * Connection: namespace `DASHBOARD_NAMESPACE`, path `/socket.io`, handshake `auth: { token }` (the
 * researcher token from `POST /api/auth/login`). A refused handshake ends with a `connect_error`
 * whose message says why (missing, invalid or expired token; a participant token; a researcher
 * who no longer exists). Once connected, the socket receives the events of every study its
 * researcher may see (admins: all studies); a study created after the connection is added with
 * `subscribe` (or by reconnecting).
 *
 * Every client event is validated with its schema; a bad payload gets `{ ok: false, error }` in
 * its ack and changes nothing. Events are pushed, not replayed: after a reconnect the client
 * refetches what it shows.
 */
import type { Ack } from './robotaxi-events.js';

export type { Ack } from './robotaxi-events.js';

export const DASHBOARD_NAMESPACE = '/dashboard';

// ---------------------------------------------------------------------------------------------
// Client -> server payloads
// ---------------------------------------------------------------------------------------------

/** Adds a study (one the researcher may see) to what this socket receives. */
export interface SubscribePayload {
  studyId: string;
}

// ---------------------------------------------------------------------------------------------
// Server -> client payloads
// ---------------------------------------------------------------------------------------------

/** The states of a render (`RenderStatus` of `src/modules/replay/render.entity.ts`). */
export const RENDER_STATUSES = ['queued', 'rendering', 'completed', 'failed', 'cancelled'] as const;
export type RenderStatusName = (typeof RENDER_STATUSES)[number];

/** Statuses a render leaves by itself (it may still be cancelled). */
export const OPEN_RENDER_STATUSES: readonly RenderStatusName[] = ['queued', 'rendering'];

/** A render's status or progress changed (saved about once a second while it renders). */
export interface RenderUpdate {
  renderId: string;
  episodeId: string;
  studyId: string;
  status: RenderStatusName;
  framesWritten: number;
  /** Known once the render has started. */
  framesTotal: number | null;
  /** Why the last attempt failed: the cause, then the tail of ffmpeg's stderr. */
  error: string | null;
}

/** How far a render has come, 0..100 (100 only when completed or every frame is written). */
export function renderPercent(
  render: Pick<RenderUpdate, 'status' | 'framesWritten' | 'framesTotal'>,
): number {
  if (render.status === 'completed') return 100;
  const { framesWritten, framesTotal } = render;
  if (!framesTotal || framesTotal <= 0 || !Number.isFinite(framesWritten)) return 0;
  return Math.max(0, Math.min(100, Math.floor((framesWritten / framesTotal) * 100)));
}

// ---------------------------------------------------------------------------------------------
// Event maps
// ---------------------------------------------------------------------------------------------

export interface DashboardClientToServerEvents {
  subscribe: (payload: SubscribePayload, ack: (res: Ack<{ studyId: string }>) => void) => void;
}

/** What the server pushes; the live sessions view (issue 7) adds `session:update` here. */
export interface DashboardServerToClientEvents {
  'render:update': (update: RenderUpdate) => void;
}
