/** A game being played: the top bar (time left, lives, score) and the screen. */
import { useEffect, useRef, useState } from 'react';

import type { AtariMachine } from '../../../src/games/atari/machine';
import type { GameProfile } from '../../../src/games/atari/games';
import { ErrorAlert } from '../components/ErrorAlert';
import { serverTimeOf } from '../recorder';
import type { StartedEpisode } from './atari-api';
import { EpisodeRunner, type EpisodeResult, type RunnerStatus } from './episode-runner';
import type { FrameOutbox } from './frame-outbox';
import { formatTimeLeft, type PlayPhase } from './flow-step';
import type { GameAudio } from './game-audio';
import { JoystickKeys } from './joystick-keys';

/** How long the first game waits for the recordings to start before it starts anyway. */
const RECORDING_WAIT_MS = 5_000;

export interface Game {
  episode: StartedEpisode;
  machine: AtariMachine;
  profile: GameProfile;
  phase: PlayPhase;
  /** Frames of the budget left when the game starts. */
  framesLeft: number;
  outbox: FrameOutbox;
}

export function PlayView({
  game,
  audio,
  recordingReady,
  onEnd,
}: {
  game: Game;
  audio: GameAudio;
  /** Both recordings run (or failed): the game starts, so the tracks cover it from frame 0. */
  recordingReady: boolean;
  onEnd: (result: EpisodeResult) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [status, setStatus] = useState<RunnerStatus>({
    frame: -1,
    score: 0,
    lives: null,
    timeLeft: formatTimeLeft(game.framesLeft),
    paused: false,
  });
  const [error, setError] = useState<string | null>(null);
  const [timedOut, setTimedOut] = useState(false);
  const [go, setGo] = useState(false);
  const onEndRef = useRef(onEnd);
  useEffect(() => {
    onEndRef.current = onEnd;
  });

  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), RECORDING_WAIT_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!go && (recordingReady || timedOut)) setGo(true);
  }, [go, recordingReady, timedOut]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!go || !canvas) return;
    const runner = new EpisodeRunner({
      episodeId: game.episode.id,
      machine: game.machine,
      profile: game.profile,
      phase: game.phase,
      framesLeft: game.framesLeft,
      outbox: game.outbox,
      keys: new JoystickKeys(),
      audio,
      serverTimeOf,
      onStatus: setStatus,
      onEnd: (result) => onEndRef.current(result),
      onError: setError,
    });
    runner.attachCanvas(canvas);
    canvas.setAttribute('data-frame', String(runner.currentStatus.frame));
    runner.start();
    return () => runner.stop();
  }, [go, game, audio]);

  return (
    <section className="atari-play" aria-label={game.phase === 'practice' ? 'Practice' : 'Game'}>
      <div className="atari-topbar" data-testid="atari-topbar">
        <span className="atari-topbar__phase">
          {game.phase === 'practice' ? 'Practice' : 'Session'}
        </span>
        <span className="atari-topbar__item">
          Time left{' '}
          <strong data-testid="atari-time-left" aria-live="off">
            {status.timeLeft}
          </strong>
        </span>
        <span className="atari-topbar__item">
          Lives <strong data-testid="atari-lives">{status.lives ?? '–'}</strong>
        </span>
        <span className="atari-topbar__item">
          Score <strong data-testid="atari-score">{status.score}</strong>
        </span>
      </div>
      <div className="atari-screen" data-paused={status.paused}>
        <canvas
          ref={canvasRef}
          className="atari-screen__canvas"
          data-testid="atari-canvas"
          data-episode-id={game.episode.id}
          aria-label={`${game.profile.name}: move with the arrow keys, fire with the space bar`}
        />
        {status.paused && (
          <div className="atari-screen__overlay" data-testid="atari-paused" role="status">
            Paused
          </div>
        )}
        {!go && (
          <div className="atari-screen__overlay" role="status">
            Getting ready…
          </div>
        )}
      </div>
      <p className="muted atari-play__keys">
        Move with the <kbd>arrow keys</kbd>, fire with the <kbd>space bar</kbd>.
      </p>
      {error && <ErrorAlert error={{ message: error }} />}
    </section>
  );
}
