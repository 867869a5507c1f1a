import { fetchUtils, type AuthProvider, type UserIdentity } from 'react-admin';

import type { ResearcherLoginResponse, ResearcherView } from '../../src/games/common/api';
import {
  clearSession,
  lookupSession,
  readSession,
  saveSession,
  updateResearcher,
} from './authStorage';
import { API_URL } from './dataProvider';
import { getErrorStatus } from './dataProvider/apiError';
import { httpClient } from './dataProvider/httpClient';

/** What the login form submits. */
export interface LoginCredentials {
  email: string;
  password: string;
}

/**
 * An auth rejection react-admin follows without a notification (it checks `message === false`):
 * used when nobody has signed in yet, which is not an error worth a toast.
 */
const silentAuthError = (): Error => Object.assign(new Error('Not signed in'), { message: false });

const toIdentity = (researcher: ResearcherView): UserIdentity => ({
  id: researcher.id,
  fullName: researcher.name || researcher.email,
  email: researcher.email,
  role: researcher.role,
});

/** `GET /api/auth/me`; accepts the researcher itself or `{ researcher }`. */
const fetchMe = async (): Promise<ResearcherView> => {
  const response = await httpClient(`${API_URL}/auth/me`);
  const body = response.json as ResearcherView | { researcher: ResearcherView };
  const researcher = 'researcher' in body ? body.researcher : body;
  updateResearcher(researcher);
  return researcher;
};

/** Researcher login against the API: a bearer token kept in localStorage until it expires. */
export const authProvider: AuthProvider = {
  async login({ email, password }: LoginCredentials) {
    const response = await fetchUtils.fetchJson(`${API_URL}/auth/login`, {
      method: 'POST',
      body: JSON.stringify({ email: String(email).trim(), password }),
    });
    saveSession(response.json as ResearcherLoginResponse);
  },

  logout() {
    clearSession();
    return Promise.resolve();
  },

  checkAuth() {
    const lookup = lookupSession();
    switch (lookup.state) {
      case 'valid':
        return Promise.resolve();
      case 'expired':
        clearSession();
        return Promise.reject(new Error('Your session has expired. Please sign in again.'));
      case 'none':
        // First visit or after logging out: go to the login page without an error toast.
        return Promise.reject(silentAuthError());
    }
  },

  checkError(error: unknown) {
    // Only 401 means the session is gone; 403 means "not allowed" and is shown as an error.
    if (getErrorStatus(error) === 401) {
      clearSession();
      return Promise.reject(new Error('Your session has ended. Please sign in again.'));
    }
    return Promise.resolve();
  },

  async getIdentity() {
    if (!readSession()) throw new Error('Not signed in');
    return toIdentity(await fetchMe());
  },

  getPermissions() {
    return Promise.resolve(readSession()?.researcher.role);
  },
};
