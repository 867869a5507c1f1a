/** Pure mappings between connection states: browser and Twilio states to the link's, link to server. */
import type { VoiceStatePayload } from '../../../src/games/common/robotaxi-events';
import type { VoiceLinkState } from './voice-link';

/** An RTCPeerConnection's state as the link shows it ('new' is the start of connecting). */
export function linkStateOfPeer(state: RTCPeerConnectionState): VoiceLinkState {
  switch (state) {
    case 'new':
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'disconnected':
      return 'disconnected';
    case 'failed':
      return 'failed';
    case 'closed':
      return 'closed';
  }
}

/**
 * A Twilio room's state (`connected` | `reconnecting` | `disconnected`) and whether the partner is
 * in it. In a room without the partner nobody hears us yet: that is still connecting.
 */
export function linkStateOfRoom(roomState: string, partnerInRoom: boolean): VoiceLinkState {
  if (roomState === 'reconnecting') return 'disconnected';
  if (roomState === 'disconnected') return 'failed';
  return partnerInRoom ? 'connected' : 'connecting';
}

/** What `voice:state` reports for a link state (the server speaks RTCPeerConnection states). */
export function reportedState(state: VoiceLinkState): VoiceStatePayload['state'] {
  return state === 'idle' ? 'new' : state;
}

/** What the indicator says for each state. */
export const VOICE_STATE_TEXT: Readonly<Record<VoiceLinkState, string>> = {
  idle: 'Voice not started',
  connecting: 'Connecting voice…',
  connected: 'Voice connected',
  disconnected: 'Voice lost: reconnecting',
  failed: 'Voice failed: waiting to retry',
  closed: 'Voice ended',
};
