/**
 * The hidden `<audio autoplay data-voice-remote>` element that plays the partner's voice. One per
 * link, appended to `document.body` and removed on close (tests find it with
 * `document.querySelector('audio[data-voice-remote]')`). Chrome also needs a remote WebRTC stream
 * to play in an element before Web Audio (the level meter) receives its samples.
 */
export interface RemoteAudio {
  play(stream: MediaStream | null): void;
  remove(): void;
}

export function createRemoteAudio(): RemoteAudio {
  const audio = document.createElement('audio');
  audio.autoplay = true;
  audio.hidden = true;
  audio.setAttribute('data-voice-remote', '');
  document.body.appendChild(audio);

  // Autoplay may be refused before the participant has interacted with the page: play at the
  // first click or key press instead.
  let waitingForGesture = false;
  const retry = () => {
    stopWaiting();
    start();
  };
  const stopWaiting = () => {
    if (!waitingForGesture) return;
    waitingForGesture = false;
    document.removeEventListener('pointerdown', retry, true);
    document.removeEventListener('keydown', retry, true);
  };
  const start = () => {
    if (!audio.srcObject) return;
    audio.play().catch((error: unknown) => {
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return;
      if (waitingForGesture) return;
      waitingForGesture = true;
      document.addEventListener('pointerdown', retry, true);
      document.addEventListener('keydown', retry, true);
    });
  };

  return {
    play(stream) {
      if (audio.srcObject === stream) return;
      audio.srcObject = stream;
      if (stream) start();
      else stopWaiting();
    },
    remove() {
      stopWaiting();
      audio.pause();
      audio.srcObject = null;
      audio.remove();
    },
  };
}
