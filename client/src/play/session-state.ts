/**
 * The state of the participant's RoboTaxi connection as a pure reducer: which session view and
 * frame are shown, and how the connection stands. Late or reordered pushes never move it back.
 */
import type { JoinResult, SessionView, StepFrame } from '../../../src/games/common/robotaxi-events';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'failed';

export interface ConnectionError {
  message: string;
  /** The server refused the login (expired or revoked token): the participant logs in again. */
  auth: boolean;
}

export type FeedbackBoardSpec = NonNullable<JoinResult['feedbackBoard']>;

export interface RobotaxiState {
  connection: ConnectionState;
  /** Why the connection failed or the join was refused; null while all is well. */
  error: ConnectionError | null;
  session: SessionView | null;
  frame: StepFrame | null;
  feedbackBoard: FeedbackBoardSpec | null;
  /** Whether the current connection has joined (its join was acknowledged). */
  joined: boolean;
}

export const INITIAL_STATE: RobotaxiState = {
  connection: 'connecting',
  error: null,
  session: null,
  frame: null,
  feedbackBoard: null,
  joined: false,
};

export type RobotaxiEvent =
  | { type: 'connected' }
  | { type: 'disconnected' }
  | { type: 'failed'; error: ConnectionError }
  | { type: 'joined'; result: JoinResult }
  | { type: 'join-refused'; message: string }
  | { type: 'session'; view: SessionView }
  | { type: 'step'; frame: StepFrame };

/**
 * Whether `next` may replace the frame shown: not an older episode, and within the same episode
 * not a lower step (a late push after a re-join's newer frame).
 */
export function isNewerFrame(shown: StepFrame | null, next: StepFrame): boolean {
  if (!shown || shown.sessionId !== next.sessionId) return true;
  if (next.episodeId === shown.episodeId) return next.step >= shown.step;
  return next.episodeIndex >= shown.episodeIndex;
}

/** Whether `next` may replace the session view shown (views carry their server time). */
export function isNewerView(shown: SessionView | null, next: SessionView): boolean {
  if (!shown || shown.sessionId !== next.sessionId) return true;
  return next.serverMs >= shown.serverMs;
}

export function robotaxiReducer(state: RobotaxiState, event: RobotaxiEvent): RobotaxiState {
  switch (event.type) {
    case 'connected':
      return { ...state, connection: 'connected', error: null, joined: false };
    case 'disconnected':
      return {
        ...state,
        connection: state.connection === 'failed' ? 'failed' : 'reconnecting',
        joined: false,
      };
    case 'failed':
      return { ...state, connection: 'failed', error: event.error, joined: false };
    case 'join-refused':
      return { ...state, error: { message: event.message, auth: false } };
    case 'joined': {
      const { session, frame, feedbackBoard } = event.result;
      return {
        ...state,
        error: null,
        joined: true,
        session: isNewerView(state.session, session) ? session : state.session,
        frame: frame && isNewerFrame(state.frame, frame) ? frame : state.frame,
        feedbackBoard: feedbackBoard ?? state.feedbackBoard,
      };
    }
    case 'session':
      return isNewerView(state.session, event.view) ? { ...state, session: event.view } : state;
    case 'step':
      return isNewerFrame(state.frame, event.frame) ? { ...state, frame: event.frame } : state;
  }
}

/**
 * An event's `timeStamp` on the performance.now() timebase, or now when it is missing or on
 * another timebase (some browsers used epoch milliseconds).
 */
export function perfTimeOf(timeStamp: number | undefined, now = performance.now()): number {
  if (timeStamp === undefined || !(timeStamp > 0) || timeStamp > now + 1_000) return now;
  return timeStamp;
}

/** A refused handshake in words; `auth` when the participant must log in again. */
export function describeRefusal(error: Error & { data?: unknown }): ConnectionError {
  const data = (typeof error.data === 'object' && error.data !== null ? error.data : {}) as {
    status?: unknown;
    code?: unknown;
  };
  const code = typeof data.code === 'string' ? data.code : '';
  const message = error.message || 'The study server refused the connection.';
  const auth =
    data.status === 401 ||
    /auth|token|login/i.test(code) ||
    /token|expired|unauthori[sz]ed|authenticat|log in/i.test(message);
  return { message, auth };
}
