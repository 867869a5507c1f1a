/**
 * What the live view adds to a session's state from this process's memory: each speaker's audio
 * level and last chunk, and the session's last upload. Pure: no Nest, no I/O.
 */
import {
  LEVEL_STALE_MS,
  type LiveMember,
  type SessionUpdate,
  type SpeakerLevel,
} from '../../games/common/dashboard-events.js';

/** A member as the session's owner (the runner, the Atari service) knows them. */
export type LiveMemberState = Omit<LiveMember, 'level' | 'lastAudioAt'>;

/** A session's live state before the overlay: what a `LiveSessionHandler` answers. */
export type LiveState = Omit<SessionUpdate, 'members' | 'lastUploadAt' | 'serverMs'> & {
  members: LiveMemberState[];
};

export interface MemberOverlay {
  /** The last level the member's page reported. */
  page: SpeakerLevel | null;
  /** The level of the member's last audio chunk acknowledged. */
  upload: SpeakerLevel | null;
  lastAudioAt: number | null;
}

export interface SessionOverlay {
  /** By participant row id. */
  members: Map<string, MemberOverlay>;
  lastUploadAt: number | null;
}

export const emptyOverlay = (): SessionOverlay => ({ members: new Map(), lastUploadAt: null });

const latest = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

function member(overlay: SessionOverlay, participantId: string): MemberOverlay {
  let found = overlay.members.get(participantId);
  if (!found) {
    found = { page: null, upload: null, lastAudioAt: null };
    overlay.members.set(participantId, found);
  }
  return found;
}

/** A page reported its speaker's level. */
export function notePageLevel(
  overlay: SessionOverlay,
  participantId: string,
  level: { rmsDb: number; peakDb: number },
  atMs: number,
): void {
  member(overlay, participantId).page = { ...level, atMs, source: 'page' };
}

/** An audio chunk of the participant was acknowledged (`level`: its level, when measured). */
export function noteAudio(
  overlay: SessionOverlay,
  participantId: string,
  atMs: number,
  level: { rmsDb: number; peakDb: number } | null,
): void {
  const m = member(overlay, participantId);
  m.lastAudioAt = latest(m.lastAudioAt, atMs);
  if (level) m.upload = { ...level, atMs, source: 'upload' };
  noteUpload(overlay, atMs);
}

/** Something of the session was uploaded and acknowledged at `atMs` (audio or frames). */
export function noteUpload(overlay: SessionOverlay, atMs: number | null): void {
  overlay.lastUploadAt = latest(overlay.lastUploadAt, atMs);
}

/**
 * The level to show: the page's while it is fresh (it is about a second ahead of the uploads),
 * else the newer of the two (the view greys a stale one out).
 */
export function pickLevel(
  page: SpeakerLevel | null,
  upload: SpeakerLevel | null,
  nowMs: number,
): SpeakerLevel | null {
  if (page && nowMs - page.atMs <= LEVEL_STALE_MS) return page;
  if (!page) return upload;
  if (!upload) return page;
  return upload.atMs > page.atMs ? upload : page;
}

/** The wire status: the owner's state with the levels and uploads this process saw. */
export function applyOverlay(
  state: LiveState,
  overlay: SessionOverlay,
  nowMs: number,
): SessionUpdate {
  return {
    ...state,
    members: state.members.map((m): LiveMember => {
      const seen = m.id ? overlay.members.get(m.id) : undefined;
      return {
        ...m,
        level: seen ? pickLevel(seen.page, seen.upload, nowMs) : null,
        lastAudioAt: seen?.lastAudioAt ?? null,
      };
    }),
    lastUploadAt: overlay.lastUploadAt,
    serverMs: nowMs,
  };
}
