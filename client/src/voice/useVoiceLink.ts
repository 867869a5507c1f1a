/**
 * Runs the voice link of a RoboTaxi session for as long as the session is live: WebRTC or Twilio
 * as the server's `session.voice` says. A new link starts only when the socket, the session id,
 * the role, the voice settings or the mic stream change (not on every session update), and the
 * link closes when the session completes or aborts, or the page unmounts.
 */
import { useEffect, useState } from 'react';

import type {
  RtcIceServer,
  SessionView,
  VoiceSettings,
} from '../../../src/games/common/robotaxi-events';
import { reportedState } from './link-state';
import { startTwilioLink } from './twilio-link';
import { fetchVoiceToken } from './voice-api';
import type { VoiceLink, VoiceLinkState } from './voice-link';
import { startWebRtcLink, type VoiceSocket } from './webrtc-link';

export interface VoiceLinkSnapshot {
  state: VoiceLinkState;
  remoteStream: MediaStream | null;
}

const IDLE: VoiceLinkSnapshot = { state: 'idle', remoteStream: null };
const ENDED: VoiceLinkSnapshot = { state: 'closed', remoteStream: null };

export function useVoiceLink(options: {
  socket: VoiceSocket | null;
  session: SessionView | null;
  localStream: MediaStream | null;
}): VoiceLinkSnapshot {
  const { socket, session, localStream } = options;
  const sessionId = session?.sessionId ?? null;
  const role = session?.role ?? null;
  const provider = session?.voice.provider ?? null;
  const twoWay = session?.voice.twoWay ?? false;
  const iceKey = JSON.stringify(session?.voice.iceServers ?? []);
  const live = session !== null && session.phase !== 'complete' && session.phase !== 'aborted';
  const [snapshot, setSnapshot] = useState<VoiceLinkSnapshot>(IDLE);

  useEffect(() => {
    if (sessionId && !live) {
      setSnapshot(ENDED);
      return;
    }
    if (!socket || !sessionId || !role || !provider) {
      setSnapshot(IDLE);
      return;
    }
    const settings: VoiceSettings = {
      provider,
      twoWay,
      iceServers: JSON.parse(iceKey) as RtcIceServer[],
    };
    const link: VoiceLink =
      provider === 'twilio'
        ? startTwilioLink({
            sessionId,
            role,
            settings,
            localStream,
            fetchToken: () => fetchVoiceToken(sessionId),
          })
        : startWebRtcLink({ socket, role, settings, localStream });

    // The WebRTC link reports its connection's state itself; a Twilio link has no socket.
    let reported: string | null = null;
    const report = (again = false) => {
      const state = reportedState(link.state);
      if (provider !== 'twilio' || !socket.connected || (state === reported && !again)) return;
      reported = state;
      socket.emit('voice:state', { state }, () => undefined);
    };
    const reportAgain = () => report(true);
    const update = () => {
      setSnapshot({ state: link.state, remoteStream: link.remoteStream });
      report();
    };
    update();
    const unsubscribe = link.onChange(update);
    socket.on('connect', reportAgain);
    return () => {
      unsubscribe();
      socket.off('connect', reportAgain);
      link.close();
      if (provider === 'twilio' && socket.connected)
        socket.emit('voice:state', { state: 'closed' }, () => undefined);
    };
  }, [socket, sessionId, role, provider, twoWay, iceKey, live, localStream]);

  return snapshot;
}
