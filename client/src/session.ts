/**
 * The participant's login, kept in sessionStorage: per tab, so two participants can use two tabs
 * of one browser, and gone when the tab is closed.
 *
 * Components read it with `useSession()`, which re-renders them whenever it changes (login,
 * consent, logout, or a 401 from the API).
 */
import { useSyncExternalStore } from 'react';

import type {
  ParticipantLoginResponse,
  ParticipantMeResponse,
  ParticipantView,
} from '../../src/games/common/api';

/** The login response as stored: token, its expiry, the participant and their study. */
export type ParticipantSession = ParticipantLoginResponse;

const SESSION_KEY = 'ozlab.participant.session';
/** The slug of the last study this tab logged in to, kept after logout to prefill the login. */
const LAST_STUDY_KEY = 'ozlab.participant.lastStudy';

// sessionStorage can be unavailable (storage disabled, some private modes): fall back to memory,
// which still works until the page is reloaded.
const memory = new Map<string, string>();

function readItem(key: string): string | null {
  try {
    return window.sessionStorage.getItem(key);
  } catch {
    return memory.get(key) ?? null;
  }
}

function writeItem(key: string, value: string | null): void {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    if (value === null) memory.delete(key);
    else memory.set(key, value);
  }
}

function parseSession(raw: string | null): ParticipantSession | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<ParticipantSession> | null;
    if (
      typeof value?.token === 'string' &&
      typeof value.participant?.participantId === 'string' &&
      typeof value.study?.slug === 'string'
    ) {
      return value as ParticipantSession;
    }
  } catch {
    // Corrupt entry: treat as logged out.
  }
  return null;
}

// useSyncExternalStore needs the same object back while nothing changed.
let cachedRaw: string | null | undefined;
let cachedSession: ParticipantSession | null = null;

export function getSession(): ParticipantSession | null {
  const raw = readItem(SESSION_KEY);
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedSession = parseSession(raw);
  }
  return cachedSession;
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

const listeners = new Set<() => void>();

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function store(session: ParticipantSession | null): void {
  writeItem(SESSION_KEY, session ? JSON.stringify(session) : null);
  for (const listener of listeners) listener();
}

/** The current session; the component re-renders when it changes. */
export function useSession(): ParticipantSession | null {
  return useSyncExternalStore(subscribeSession, getSession, getSession);
}

// A one-line notice for the login page ("You have logged out."). Module state, not storage:
// it is meant for the page the user lands on next, not for a reload.
let notice: string | null = null;

export function getLoginNotice(): string | null {
  return notice;
}

export function saveSession(login: ParticipantLoginResponse): void {
  notice = null;
  writeItem(LAST_STUDY_KEY, login.study.slug);
  store(login);
}

/** Refreshes the participant and study from `GET /api/participant/me`. */
export function updateSessionFromMe(me: ParticipantMeResponse): void {
  const current = getSession();
  if (current) store({ ...current, participant: me.participant, study: me.study });
}

export function updateParticipant(participant: ParticipantView): void {
  const current = getSession();
  if (current) store({ ...current, participant });
}

/** Logs out of this tab. `message` is shown on the login page. */
export function clearSession(message?: string): void {
  notice = message ?? null;
  store(null);
}

/** The server refused the token (expired or revoked). */
export function expireSession(): void {
  if (getSession()) clearSession('Your session has ended. Please log in again.');
}

/** Where a logged-out participant goes: the login page, for the study they last used. */
export function loginPath(): string {
  const study = readItem(LAST_STUDY_KEY);
  return study ? `/?study=${encodeURIComponent(study)}` : '/';
}

/** Where a logged-in participant goes next. */
export function nextPath(session: ParticipantSession): string {
  return session.participant.consentedAt ? '/home' : '/consent';
}
