/** Turns failed requests into sentences a participant can act on. */
import { ApiRequestError, NETWORK_ERROR } from './api';

export interface ErrorText {
  message: string;
  /** The server's reasons per field or line, for a 400. */
  details?: string[];
}

const GENERIC = 'Something went wrong. Please try again, or ask the researcher for help.';

export function describeError(error: unknown): ErrorText {
  if (!(error instanceof ApiRequestError)) return { message: GENERIC };
  if (error.status === NETWORK_ERROR) return { message: error.message };
  if (error.status === 429) return { message: 'Too many attempts, wait a minute' };
  if (error.status >= 500) {
    return { message: 'The study server has a problem. Please try again in a moment.' };
  }
  const details = error.errors.map((e) => {
    const where = e.field ?? (e.line !== undefined ? `line ${e.line}` : undefined);
    return where ? `${where}: ${e.reason}` : e.reason;
  });
  const message = error.message || GENERIC;
  // Do not repeat the message as its own single detail.
  const useful = details.filter((detail) => detail !== message);
  return useful.length > 0 ? { message, details: useful } : { message };
}

export function describeLoginError(error: unknown): ErrorText {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) {
      return { message: 'That ID is not registered for this study or the access code is wrong' };
    }
    if (error.status === 404)
      return { message: 'Unknown study. Check the study code you were given.' };
  }
  return describeError(error);
}

export function describeInviteError(error: unknown): ErrorText {
  if (error instanceof ApiRequestError && (error.status === 401 || error.status === 404)) {
    return {
      message:
        'This invite link is not valid any more. Log in with your participant ID below, or ask the researcher for a new link.',
    };
  }
  return describeError(error);
}
