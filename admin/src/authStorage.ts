import type { ResearcherLoginResponse, ResearcherView } from '../../src/games/common/api';

/** The researcher's session as kept in localStorage between page loads. */
export interface StoredSession {
  token: string;
  expiresAt: string;
  researcher: ResearcherView;
}

const STORAGE_KEY = 'ozlab.admin.session';

const isStoredSession = (value: unknown): value is StoredSession => {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<StoredSession>;
  return (
    typeof candidate.token === 'string' &&
    typeof candidate.expiresAt === 'string' &&
    typeof candidate.researcher === 'object' &&
    candidate.researcher !== null
  );
};

export const saveSession = (login: ResearcherLoginResponse): void => {
  const session: StoredSession = {
    token: login.token,
    expiresAt: login.expiresAt,
    researcher: login.researcher,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
};

export const updateResearcher = (researcher: ResearcherView): void => {
  const session = readSession();
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...session, researcher }));
};

export const clearSession = (): void => {
  localStorage.removeItem(STORAGE_KEY);
};

type SessionLookup =
  { state: 'none' } | { state: 'expired' } | { state: 'valid'; session: StoredSession };

/** What localStorage holds: nothing usable, a session past its expiry, or a valid session. */
export const lookupSession = (now: number = Date.now()): SessionLookup => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
  } catch {
    return { state: 'none' };
  }
  if (!isStoredSession(parsed)) return { state: 'none' };
  const expiresAt = Date.parse(parsed.expiresAt);
  if (Number.isFinite(expiresAt) && expiresAt <= now) return { state: 'expired' };
  return { state: 'valid', session: parsed };
};

/** The stored session, or null when there is none, it is unreadable, or it has expired. */
export const readSession = (now: number = Date.now()): StoredSession | null => {
  const lookup = lookupSession(now);
  return lookup.state === 'valid' ? lookup.session : null;
};

export const getToken = (): string | null => readSession()?.token ?? null;
