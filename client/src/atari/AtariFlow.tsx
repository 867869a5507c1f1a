/**
 * The demonstrator's flow once the microphone is open: instructions → practice → instructions →
 * session (games until the time is played) → questionnaire → finishing → complete. The step
 * starts from the server's view (`resumeStep`) and moves on locally; the two recordings (mic and
 * game sound) run from the first game to the end of the session.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';

import { AtariMachine } from '../../../src/games/atari/machine';
import { profileById } from '../../../src/games/atari/games';
import type { AtariSessionView } from '../../../src/games/common/atari-session';
import { closeMic, currentIdentity, type OpenMic } from '../recorder';
import { useSessionRecording, type SessionRecording } from '../play/useSessionRecording';
import type { ParticipantSession } from '../session';
import { fetchRom, startEpisode } from './atari-api';
import { AtariFrame } from './AtariFrame';
import type { EpisodeResult } from './episode-runner';
import { FinishingView } from './FinishingView';
import {
  durationText,
  formatTimeLeft,
  practiceBudget,
  practiceFramesPlayed,
  resumeStep,
  sessionBudget,
  sessionFramesPlayed,
  stepAfterGame,
  type AtariStep,
  type PlayPhase,
} from './flow-step';
import type { GameAudio } from './game-audio';
import { pageFrameOutbox, waitForEpisodesEnded } from './page-frames';
import { PlayView, type Game } from './PlayView';
import { QuestionnaireForm } from './QuestionnaireForm';
import { RejectedFramesAlert } from './RejectedFramesAlert';
import { GAME_TRACK_LABEL, MIC_TRACK_LABEL } from './session-load';
import { AbortedView, CompleteView, GameOverView, InstructionsView } from './StepViews';

type FlowState =
  | { step: 'game-instructions' | 'session-instructions' | 'questionnaire' | 'finishing' }
  | { step: 'aborted' }
  | { step: 'practice' | 'session'; game: Game }
  | { step: 'game-over'; phase: PlayPhase; last: EpisodeResult | null }
  | { step: 'complete'; completion: AtariSessionView['completion'] };

function initialFlow(view: AtariSessionView): FlowState {
  const step = resumeStep(view);
  switch (step) {
    case 'game-over':
      return { step, phase: 'session', last: null };
    case 'complete':
      return { step, completion: view.completion };
    case 'game-instructions':
    case 'session-instructions':
    case 'questionnaire':
    case 'finishing':
    case 'aborted':
      return { step };
  }
}

export function AtariFlow({
  session,
  view,
  mic,
  audio,
}: {
  session: ParticipantSession;
  view: AtariSessionView;
  mic: OpenMic;
  audio: GameAudio;
}) {
  const settings = view.settings;
  const participantId = session.participant.id;
  const [flow, setFlow] = useState<FlowState>(() => initialFlow(view));
  const [sessionId, setSessionId] = useState(view.sessionId);
  const [used, setUsed] = useState(() => ({
    practice: practiceFramesPlayed(view),
    session: sessionFramesPlayed(view),
  }));
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<unknown>(null);

  const ended = flow.step === 'finishing' || flow.step === 'complete';
  const micRecording = useSessionRecording({
    source: mic.stream,
    kind: 'mic',
    sessionId,
    label: MIC_TRACK_LABEL,
    ended,
  });
  const gameRecording = useSessionRecording({
    source: audio.output,
    kind: 'game',
    sessionId,
    label: GAME_TRACK_LABEL,
    ended,
  });
  useRememberTrack(participantId, sessionId, micRecording.status?.trackId);
  useRememberTrack(participantId, sessionId, gameRecording.status?.trackId);
  const recordingReady = started(micRecording) && started(gameRecording);

  // Once the session is complete and the recording saved, let go of the microphone.
  const micDone = flow.step === 'complete' && micRecording.save === 'saved';
  useEffect(() => {
    if (micDone) closeMic(mic);
  }, [micDone, mic]);

  const budgetLeft = (phase: PlayPhase, counts = used) =>
    phase === 'practice'
      ? practiceBudget(settings) - counts.practice
      : sessionBudget(settings) - counts.session;

  const startGame = (phase: PlayPhase) => {
    audio.resume(); // In the click: browsers start audio only after a user gesture.
    if (starting) return;
    setStarting(true);
    setStartError(null);
    const framesLeft = budgetLeft(phase);
    void (async () => {
      let episodeId: string | null = null;
      try {
        const refused = await waitForEpisodesEnded(participantId);
        if (refused.length > 0) throw new Error(`The last game could not be saved: ${refused[0]}`);
        const outbox = await pageFrameOutbox();
        const [episode, rom] = await Promise.all([startEpisode(phase === 'practice'), fetchRom()]);
        episodeId = episode.id;
        await outbox.addEpisode(participantId, {
          episodeId: episode.id,
          sessionId: episode.sessionId,
          practice: episode.practice,
        });
        const profile = profileById(episode.game);
        if (!profile) throw new Error(`This game (${episode.game}) is not known to this page.`);
        const machine = await AtariMachine.create(rom, {
          seed: episode.seed,
          audioSampleRate: audio.sampleRate,
        });
        setSessionId(episode.sessionId);
        setFlow({ step: phase, game: { episode, machine, profile, phase, framesLeft, outbox } });
      } catch (error) {
        setStartError(error);
        // A game the server started but this page cannot play: close it with no frames.
        if (episodeId) {
          const outbox = await pageFrameOutbox().catch(() => null);
          await outbox?.requestEnd(episodeId, 'quit').catch(() => undefined);
        }
      } finally {
        setStarting(false);
      }
    })();
  };

  const onGameEnd = (phase: PlayPhase) => (result: EpisodeResult) => {
    const counts = { ...used, [phase]: used[phase] + result.frames };
    setUsed(counts);
    const next = stepAfterGame(phase, budgetLeft(phase, counts));
    if (next === 'game-over') setFlow({ step: 'game-over', phase, last: result });
    else if (next === 'session-instructions' || next === 'questionnaire') setFlow({ step: next });
  };

  const onComplete = useCallback((done: AtariSessionView) => {
    setFlow({ step: 'complete', completion: done.completion });
  }, []);

  const startProps = { starting, error: startError };
  let content: ReactNode;
  let wide = false;
  switch (flow.step) {
    case 'game-instructions':
      content = (
        <InstructionsView
          heading={settings.gameName ? `How to play ${settings.gameName}` : 'How to play'}
          text={settings.gameInstructions}
          button="Start the practice"
          onStart={() => startGame('practice')}
          {...startProps}
        >
          <p>
            First you practise for {durationText(budgetLeft('practice'))} to get to know the game.
          </p>
        </InstructionsView>
      );
      break;
    case 'session-instructions':
      content = (
        <InstructionsView
          heading="The session"
          text={settings.sessionInstructions}
          button="Start the session"
          onStart={() => startGame('session')}
          {...startProps}
        >
          <p>You will play for {durationText(budgetLeft('session'))} in all.</p>
        </InstructionsView>
      );
      break;
    case 'practice':
    case 'session':
      wide = true;
      content = (
        <PlayView
          key={flow.game.episode.id}
          game={flow.game}
          audio={audio}
          recordingReady={recordingReady}
          onEnd={onGameEnd(flow.game.phase)}
        />
      );
      break;
    case 'game-over':
      content = (
        <GameOverView
          phase={flow.phase}
          last={flow.last}
          timeLeft={formatTimeLeft(budgetLeft(flow.phase))}
          onStart={() => startGame(flow.phase)}
          {...startProps}
        />
      );
      break;
    case 'questionnaire':
      content = (
        <QuestionnaireForm
          participantId={participantId}
          settings={settings}
          onSubmitted={() => setFlow({ step: 'finishing' })}
        />
      );
      break;
    case 'finishing':
      content = (
        <FinishingView
          participantId={participantId}
          sessionId={sessionId}
          mic={micRecording}
          game={gameRecording}
          onComplete={onComplete}
        />
      );
      break;
    case 'complete':
      content = <CompleteView completion={flow.completion} />;
      break;
    case 'aborted':
      content = <AbortedView />;
      break;
  }

  const step: AtariStep = flow.step;
  const recordingError = flow.step !== 'finishing' && (micRecording.error ?? gameRecording.error);
  return (
    <AtariFrame step={step} studyName={session.study.name} wide={wide}>
      {content}
      {recordingError && sessionId && (
        <div className="alert alert--warning" role="alert">
          <p>The recording has a problem: {recordingError}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (micRecording.error) micRecording.retry();
              if (gameRecording.error) gameRecording.retry();
            }}
          >
            Try again
          </button>
        </div>
      )}
      {flow.step !== 'complete' && <RejectedFramesAlert participantId={participantId} />}
    </AtariFrame>
  );
}

/** A recording that runs, or that failed (the game does not wait for it then). */
function started(recording: SessionRecording): boolean {
  return recording.status?.state === 'recording' || recording.error !== null;
}

/** Remembers the session's track in the frame outbox (sent with `complete`, even after a reload). */
function useRememberTrack(
  participantId: string,
  sessionId: string | null,
  trackId: string | undefined,
): void {
  useEffect(() => {
    if (!sessionId || !trackId || currentIdentity()?.participantId !== participantId) return;
    void pageFrameOutbox()
      .then((outbox) => outbox.addSessionTrack(participantId, sessionId, trackId))
      .catch(() => undefined);
  }, [participantId, sessionId, trackId]);
}
