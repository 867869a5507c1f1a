/**
 * One hook owns the participant's connection to the RoboTaxi gateway: it connects, joins (again
 * after every reconnect), follows the server's `session` and `step` pushes, and sends the
 * participant's events.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';

import type {
  Ack,
  StepFrame,
  TeacherDebriefPayload,
  WizardFeedbackPayload,
} from '../../../src/games/common/robotaxi-events';
import type { Action } from '../../../src/games/robotaxi/types';
import { serverTimeOf } from '../recorder';
import { getToken } from '../session';
import {
  describeRefusal,
  INITIAL_STATE,
  perfTimeOf,
  robotaxiReducer,
  type RobotaxiState,
} from './session-state';
import { createRobotaxiSocket, request, type RobotaxiSocket } from './socket';

export type {
  ConnectionError,
  ConnectionState,
  FeedbackBoardSpec,
  RobotaxiState,
} from './session-state';

const JOIN_TIMEOUT_MS = 10_000;
/** After a refused or unanswered join, ask again this much later (while connected). */
const JOIN_RETRY_MS = 3_000;
const SUBMIT_TIMEOUT_MS = 10_000;

/** Keys pressed on this page load, in order (the server spots duplicates and reordering). */
let keySeq = 0;

export interface RobotaxiSession extends RobotaxiState {
  /** The socket once created (for the voice link); null before. */
  socket: RobotaxiSocket | null;
  /**
   * Sends the wizard's key press. `perfTime` is when the key went down on the performance.now()
   * timebase (an event's `timeStamp`). Returns the seq sent, or null when not connected.
   */
  sendKey: (action: Action, perfTime?: number) => number | null;
  /** Reports that `frame` was drawn at `perfNow` (once per episode and step). */
  reportRendered: (frame: StepFrame, perfNow: number) => void;
  submitWizardFeedback: (payload: WizardFeedbackPayload) => Promise<Ack>;
  submitTeacherDebrief: (payload: TeacherDebriefPayload) => Promise<Ack>;
  /** After a failure: try to connect again. */
  reconnect: () => void;
}

/**
 * `participantKey` identifies the login (the participant's row id): a new login makes a new
 * connection. The token is read from the session on every (re)connect.
 */
export function useRobotaxiSession(participantKey: string): RobotaxiSession {
  const [state, dispatch] = useReducer(robotaxiReducer, INITIAL_STATE);
  const [socket, setSocket] = useState<RobotaxiSocket | null>(null);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });
  const rendered = useRef(new Set<string>());

  useEffect(() => {
    const { socket: created, dispose } = createRobotaxiSocket(getToken);
    let joining = false;
    let serverClosedOnce = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;

    const join = async () => {
      if (joining || !created.connected) return;
      joining = true;
      clearTimeout(retryTimer);
      try {
        const answer = await request(created, 'join', {}, JOIN_TIMEOUT_MS);
        if (!created.connected) return;
        if (answer.ok) {
          dispatch({ type: 'joined', result: answer });
        } else {
          dispatch({ type: 'join-refused', message: answer.error });
          retryTimer = setTimeout(() => void join(), JOIN_RETRY_MS);
        }
      } catch {
        // No answer in time: ask again while the connection lasts.
        if (created.connected) retryTimer = setTimeout(() => void join(), JOIN_RETRY_MS);
      } finally {
        joining = false;
      }
    };

    created.on('connect', () => {
      dispatch({ type: 'connected' });
      void join();
    });
    created.on('disconnect', (reason) => {
      clearTimeout(retryTimer);
      if (reason === 'io client disconnect') return; // Ours: the page is closing.
      if (reason === 'io server disconnect') {
        // The server ended this connection (the participant was withdrawn); socket.io does not
        // reconnect by itself then. Connect once more so that the refused handshake says why; a
        // second close in a row is reported as it is.
        if (!serverClosedOnce) {
          serverClosedOnce = true;
          dispatch({ type: 'disconnected' });
          created.connect();
          return;
        }
        dispatch({
          type: 'failed',
          error: { message: 'The study server closed the connection.', auth: false },
        });
        return;
      }
      dispatch({ type: 'disconnected' });
    });
    created.on('connect_error', (error) => {
      // While `active`, socket.io keeps trying (network trouble, server restarting). Otherwise
      // the server refused the handshake and said why.
      if (created.active) return;
      dispatch({ type: 'failed', error: describeRefusal(error) });
    });
    created.on('session', (view) => {
      dispatch({ type: 'session', view });
      // The feedback board comes with a join: fetch it when the wizard's feedback phase begins.
      const current = stateRef.current;
      if (view.role === 'wizard' && view.phase === 'feedback' && !current.feedbackBoard) {
        void join();
      }
    });
    created.on('step', (frame) => dispatch({ type: 'step', frame }));

    setSocket(created);
    // Connect on the next tick: React's StrictMode runs this effect twice in development, and
    // the first socket should close before it ever reaches the server.
    const connectTimer = setTimeout(() => created.connect(), 0);
    return () => {
      clearTimeout(connectTimer);
      clearTimeout(retryTimer);
      created.removeAllListeners();
      dispose();
      setSocket((current) => (current === created ? null : current));
    };
  }, [participantKey]);

  const sendKey = useCallback(
    (action: Action, perfTime?: number): number | null => {
      if (!socket?.connected) return null; // A stale key after a reconnect would do harm.
      const seq = keySeq++;
      const clientMs = serverTimeOf(perfTimeOf(perfTime));
      socket.emit('key', { action, seq, clientMs }, () => undefined);
      return seq;
    },
    [socket],
  );

  const reportRendered = useCallback(
    (frame: StepFrame, perfNow: number) => {
      const key = `${frame.episodeId}:${frame.step}`;
      if (!socket?.connected || rendered.current.has(key)) return;
      rendered.current.add(key);
      const payload = {
        episodeId: frame.episodeId,
        step: frame.step,
        clientMs: serverTimeOf(perfNow),
      };
      socket.emit('rendered', payload, () => undefined);
    },
    [socket],
  );

  const submitWizardFeedback = useCallback(
    (payload: WizardFeedbackPayload) =>
      submit(socket, (s) => request(s, 'feedback:wizard', payload, SUBMIT_TIMEOUT_MS)),
    [socket],
  );
  const submitTeacherDebrief = useCallback(
    (payload: TeacherDebriefPayload) =>
      submit(socket, (s) => request(s, 'feedback:teacher', payload, SUBMIT_TIMEOUT_MS)),
    [socket],
  );

  const reconnect = useCallback(() => {
    if (socket && !socket.connected) socket.connect();
  }, [socket]);

  return {
    ...state,
    socket,
    sendKey,
    reportRendered,
    submitWizardFeedback,
    submitTeacherDebrief,
    reconnect,
  };
}

async function submit(
  socket: RobotaxiSocket | null,
  send: (socket: RobotaxiSocket) => Promise<Ack>,
): Promise<Ack> {
  if (!socket?.connected) {
    return { ok: false, error: 'Not connected to the study server. Wait a moment and try again.' };
  }
  try {
    return await send(socket);
  } catch {
    return {
      ok: false,
      error: 'The study server did not answer. Check your connection and try again.',
    };
  }
}
