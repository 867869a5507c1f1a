/**
 * Voice over a WebRTC peer connection between the teacher and the wizard, signaled over the game
 * socket (`voice:signal`, relayed verbatim to the partner by the gateway).
 *
 * Negotiation follows MDN's "perfect negotiation": either side may offer; on a collision the wizard
 * (polite) rolls back and takes the teacher's (impolite) offer. Each side offers when its
 * connection is new: the teacher with its mic (receive-only without one), the wizard with its mic
 * when `twoWay`, else with no media at all. The wizard's offer doubles as "I am here": a teacher
 * whose own offer went unheard (the wizard's page had not started its link yet) ignores the
 * wizard's offer, as the impolite side does, and sends its own again. An offer without an answer
 * is also sent again every few seconds.
 *
 * On `voice:peer {present: true}` (the partner's page joined or re-joined, after a reload or a
 * socket reconnect; both sides get it) the connection is rebuilt so that negotiation restarts from
 * scratch, unless it is still new and waiting for its first answer, in which case its offer is
 * sent again. Incoming signals and `voice:peer` are handled one at a time, in order.
 *
 * Every change of the connection's state is reported with `voice:state` (again after a socket
 * reconnect). The partner's audio plays in a hidden `<audio data-voice-remote>` element.
 */
import type { Socket } from 'socket.io-client';

import type {
  ClientToServerEvents,
  PlayRole,
  ServerToClientEvents,
  VoiceSettings,
  VoiceSignalPayload,
  VoiceStatePayload,
} from '../../../src/games/common/robotaxi-events';
import { linkStateOfPeer } from './link-state';
import { createRemoteAudio } from './remote-audio';
import { LinkStore, type VoiceLink } from './voice-link';

export type VoiceSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface WebRtcLinkOptions {
  socket: VoiceSocket;
  role: PlayRole;
  settings: VoiceSettings;
  /** The participant's mic (the same stream the recorder uses: it is never stopped here). */
  localStream: MediaStream | null;
}

/** How often an offer that got no answer is sent again. */
export const RESEND_OFFER_MS = 4_000;

/** One RTCPeerConnection and its perfect-negotiation flags. */
interface Peer {
  pc: RTCPeerConnection;
  makingOffer: boolean;
}

type Description = Extract<VoiceSignalPayload, { description: unknown }>['description'];
type Candidate = Extract<VoiceSignalPayload, { candidate: unknown }>['candidate'];

const ignoreAck = () => undefined;

export function startWebRtcLink({
  socket,
  role,
  settings,
  localStream,
}: WebRtcLinkOptions): VoiceLink {
  const polite = role === 'wizard';
  const speaks = role === 'teacher' || settings.twoWay;
  const micTrack = speaks ? (localStream?.getAudioTracks()[0] ?? null) : null;
  const store = new LinkStore();
  const audio = createRemoteAudio();
  let closed = false;
  let peer: Peer | null = null;
  let inbox: Promise<void> = Promise.resolve();
  let reported: VoiceStatePayload['state'] | null = null;

  const send = (payload: VoiceSignalPayload) => {
    // Nothing is queued while offline: after the re-join, `voice:peer` restarts negotiation.
    if (closed || !socket.connected) return;
    socket.emit('voice:signal', payload, ignoreAck);
  };

  const report = (state: VoiceStatePayload['state'], again = false) => {
    if (!socket.connected || (state === reported && !again)) return;
    reported = state;
    socket.emit('voice:state', { state }, ignoreAck);
  };

  const sendOffer = (p: Peer) => {
    const offer = p.pc.localDescription;
    if (p.pc.signalingState === 'have-local-offer' && !p.makingOffer && offer)
      send({ description: descriptionOf(offer) });
  };

  /** A new connection; `announce`: the listening wizard offers at once to say it is here. */
  const build = (announce = true): Peer => {
    peer?.pc.close();
    const pc = new RTCPeerConnection({ iceServers: settings.iceServers });
    const p: Peer = { pc, makingOffer: false };
    peer = p;
    const current = () => !closed && peer === p;

    // A mic track added with addTrack is matched to the partner's audio m-line when their offer
    // wins, so both directions share one m-line. A receive-only transceiver would not be: the
    // wizard who only listens offers no media at all (an empty offer, just to say it is here)
    // and receives on the m-line of the teacher's offer.
    const sends = micTrack !== null && localStream !== null;
    if (sends) pc.addTrack(micTrack, localStream);
    else if (!polite) pc.addTransceiver('audio', { direction: 'recvonly' });

    pc.ontrack = ({ track }) => {
      if (!current() || track.kind !== 'audio') return;
      const stream = new MediaStream([track]);
      audio.play(stream);
      store.set({ remoteStream: stream });
    };
    pc.onicecandidate = ({ candidate }) => {
      if (current()) send({ candidate: candidate ? candidateOf(candidate) : null });
    };
    const offer = async () => {
      try {
        p.makingOffer = true;
        await pc.setLocalDescription();
        if (current() && pc.localDescription)
          send({ description: descriptionOf(pc.localDescription) });
      } catch {
        // A collision resolved by the partner's offer, or a closed connection: nothing to send.
      } finally {
        p.makingOffer = false;
      }
    };
    pc.onnegotiationneeded = offer;
    pc.onconnectionstatechange = () => {
      if (!current()) return;
      const state = pc.connectionState;
      store.set({ state: linkStateOfPeer(state) });
      report(state);
      // The impolite side restarts ICE; its offer goes through the usual negotiation.
      if (state === 'failed' && !polite) pc.restartIce();
    };

    audio.play(null);
    store.set({ state: 'connecting', remoteStream: null });
    report('new');
    if (announce && !sends && polite) void offer(); // no transceiver: no negotiationneeded
    return p;
  };

  const receiveDescription = async (p: Peer, description: Description) => {
    const { pc } = p;
    if (description.type === 'rollback') return; // only meaningful locally
    if (description.type !== 'offer') {
      // An answer to an offer we no longer wait for (sent twice, or to an older offer): drop it.
      if (pc.signalingState !== 'have-local-offer' && pc.signalingState !== 'have-remote-pranswer')
        return;
      await pc.setRemoteDescription(description).catch(() => undefined);
      return;
    }
    const collision = p.makingOffer || pc.signalingState !== 'stable';
    if (collision && !polite) {
      // Ours wins. The partner may never have heard it (their link started late): say it again.
      sendOffer(p);
      return;
    }
    let target = p;
    try {
      await pc.setRemoteDescription(description); // the polite side rolls its own offer back
    } catch {
      // The partner has a new connection we did not hear about: take its offer on a new one.
      target = build(false);
      await target.pc.setRemoteDescription(description);
    }
    await target.pc.setLocalDescription();
    if (target === peer && target.pc.localDescription)
      send({ description: descriptionOf(target.pc.localDescription) });
  };

  const receiveCandidate = async (p: Peer, candidate: Candidate) => {
    // Fails for candidates of an offer we ignored or of the partner's previous connection.
    await p.pc.addIceCandidate(candidate).catch(() => undefined);
  };

  /** Runs signaling work one item at a time, in arrival order; a failure does not stop the queue. */
  const enqueue = (work: () => Promise<void> | void) => {
    inbox = inbox.then(work).catch(() => undefined);
  };

  const onSignal = (payload: VoiceSignalPayload) =>
    enqueue(async () => {
      const p = peer;
      if (closed || !p) return;
      if ('description' in payload) await receiveDescription(p, payload.description);
      else await receiveCandidate(p, payload.candidate);
    });

  const onPeer = ({ present }: { present: boolean }) =>
    enqueue(() => {
      if (closed || !present) return;
      // Still new and waiting for its first answer: offering again is enough (and leaves no
      // answer to the old offer in flight towards a new connection).
      if (peer && !peer.pc.remoteDescription && peer.pc.signalingState === 'have-local-offer')
        sendOffer(peer);
      else build();
    });

  const onConnect = () => {
    if (peer && !closed) report(peer.pc.connectionState, true);
  };

  socket.on('voice:signal', onSignal);
  socket.on('voice:peer', onPeer);
  socket.on('connect', onConnect);
  build();
  const resendTimer = setInterval(() => {
    if (peer && !closed) sendOffer(peer);
  }, RESEND_OFFER_MS);

  return {
    get state() {
      return store.state;
    },
    get remoteStream() {
      return store.remoteStream;
    },
    onChange: (listener) => store.onChange(listener),
    close() {
      if (closed) return;
      closed = true;
      clearInterval(resendTimer);
      socket.off('voice:signal', onSignal);
      socket.off('voice:peer', onPeer);
      socket.off('connect', onConnect);
      peer?.pc.close();
      peer = null;
      report('closed');
      audio.remove();
      store.set({ state: 'closed', remoteStream: null });
      store.clear();
    },
  };
}

function descriptionOf(description: RTCSessionDescription): Description {
  return { type: description.type, sdp: description.sdp };
}

function candidateOf(candidate: RTCIceCandidate): NonNullable<Candidate> {
  return {
    candidate: candidate.candidate,
    sdpMid: candidate.sdpMid,
    sdpMLineIndex: candidate.sdpMLineIndex,
    usernameFragment: candidate.usernameFragment,
  };
}
