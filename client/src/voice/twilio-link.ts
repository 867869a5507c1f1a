/**
 * Voice through a Twilio Video room (VOICE_PROVIDER=twilio): room = the session id, one token per
 * member from `POST /api/voice/token`. twilio-video is imported on demand, so that only Twilio
 * studies load it. The teacher always publishes their mic; the wizard only when `twoWay`.
 *
 * The mic track is published as a clone, so that leaving the room (which stops published tracks)
 * never stops the recorder's track. When the room drops for good (Twilio gave up reconnecting,
 * or the token had expired) the link fetches a new token and joins again, with a growing delay.
 */
import type { PlayRole, VoiceSettings } from '../../../src/games/common/robotaxi-events';
import { linkStateOfRoom } from './link-state';
import { createRemoteAudio } from './remote-audio';
import { LinkStore, type VoiceLink } from './voice-link';

type TwilioVideo = typeof import('twilio-video');
type Room = import('twilio-video').Room;
type RemoteTrack = import('twilio-video').RemoteTrack;

export interface TwilioLinkOptions {
  sessionId: string;
  role: PlayRole;
  settings: VoiceSettings;
  /** The participant's mic (not stopped here: a clone is published). */
  localStream: MediaStream | null;
  /** A fresh token for the session's room (`POST /api/voice/token`). */
  fetchToken: () => Promise<{ token: string; room: string }>;
}

/**
 * twilio-video is CommonJS: depending on the bundler its namespace carries the exports itself
 * (Vite's interop) or only under `default` (esbuild, Vite's dev server for some deps).
 */
async function loadTwilioVideo(): Promise<TwilioVideo> {
  const loaded: TwilioVideo & { default?: TwilioVideo } = await import('twilio-video');
  return typeof loaded.connect === 'function' ? loaded : (loaded.default ?? loaded);
}

/** Delay before joining again after the room dropped: 1 s, 2 s, 4 s ... up to 30 s. */
export function rejoinDelayMs(attempt: number): number {
  return Math.min(30_000, 1_000 * 2 ** Math.max(0, attempt - 1));
}

export function startTwilioLink({
  role,
  settings,
  localStream,
  fetchToken,
}: TwilioLinkOptions): VoiceLink {
  const speaks = role === 'teacher' || settings.twoWay;
  const store = new LinkStore();
  const audio = createRemoteAudio();
  const remoteTracks = new Map<string, MediaStreamTrack>();
  let closed = false;
  let room: Room | null = null;
  let micClone: MediaStreamTrack | null = null;
  /** A connect() under way, cancelled by close(). */
  let connecting: ReturnType<TwilioVideo['connect']> | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const showRemote = () => {
    const tracks = [...remoteTracks.values()];
    const stream = tracks.length ? new MediaStream(tracks) : null;
    audio.play(stream);
    store.set({ remoteStream: stream });
  };

  const showState = () => {
    if (!room || closed) return;
    store.set({ state: linkStateOfRoom(room.state, room.participants.size > 0) });
  };

  const addRemote = (track: RemoteTrack) => {
    if (closed || track.kind !== 'audio') return;
    remoteTracks.set(track.sid, track.mediaStreamTrack);
    showRemote();
  };

  const removeRemote = (track: RemoteTrack) => {
    if (remoteTracks.delete(track.sid)) showRemote();
  };

  const leave = () => {
    const left = room;
    room = null;
    left?.disconnect(); // its events are ignored from now on (room !== left)
    micClone?.stop();
    micClone = null;
    remoteTracks.clear();
    showRemote();
  };

  const scheduleRejoin = () => {
    if (closed) return;
    attempt += 1;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void join(), rejoinDelayMs(attempt));
  };

  const join = async () => {
    if (closed) return;
    if (attempt === 0) store.set({ state: 'connecting' }); // a retry keeps showing why it retries
    let video: TwilioVideo;
    try {
      video = await loadTwilioVideo();
    } catch {
      store.set({ state: 'failed' }); // the chunk could not load: a reload is needed
      return;
    }
    if (!video.isSupported) {
      store.set({ state: 'failed' });
      return;
    }
    try {
      const { token, room: name } = await fetchToken();
      if (closed) return;
      const mic = speaks ? (localStream?.getAudioTracks()[0] ?? null) : null;
      micClone = mic ? mic.clone() : null;
      const tracks = micClone ? [new video.LocalAudioTrack(micClone, { name: 'mic' })] : [];
      connecting = video.connect(token, { name, tracks, audio: false, video: false });
      const joined = await connecting;
      connecting = null;
      if (closed) {
        joined.disconnect();
        micClone?.stop();
        return;
      }
      room = joined;
      attempt = 0;
      const mine = () => !closed && room === joined;
      joined.on('trackSubscribed', (track: RemoteTrack) => mine() && addRemote(track));
      joined.on('trackUnsubscribed', (track: RemoteTrack) => mine() && removeRemote(track));
      const refresh = () => mine() && showState();
      joined.on('participantConnected', refresh);
      joined.on('participantDisconnected', refresh);
      joined.on('reconnecting', refresh);
      joined.on('reconnected', refresh);
      joined.on('disconnected', () => {
        if (!mine()) return;
        leave();
        store.set({ state: 'disconnected' });
        scheduleRejoin();
      });
      // Tracks of a partner who was already in the room.
      for (const participant of joined.participants.values())
        for (const publication of participant.tracks.values())
          if (publication.track) addRemote(publication.track);
      showState();
    } catch {
      connecting = null;
      micClone?.stop();
      micClone = null;
      if (closed) return;
      store.set({ state: 'failed' });
      scheduleRejoin();
    }
  };

  void join();

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
      clearTimeout(retryTimer);
      connecting?.cancel();
      leave();
      audio.remove();
      store.set({ state: 'closed', remoteStream: null });
      store.clear();
    },
  };
}
