/** The mic check (`mic-check`) and what to do when the microphone is refused (`mic-help`). */
import { useState } from 'react';

import type { RecordingProcessing } from '../../../src/games/common/api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextBlock } from '../components/TextBlock';
import { MicCheck, type MicError } from '../recorder';
import { AtariFrame } from './AtariFrame';

export function MicCheckStep({
  studyName,
  micHelpText,
  processing,
  onDone,
}: {
  studyName: string;
  micHelpText: string;
  processing: RecordingProcessing;
  /** "Continue" was pressed (a user gesture: start the game's audio here). */
  onDone: (deviceId: string | undefined) => void;
}) {
  const [ready, setReady] = useState<boolean | null>(null);
  const [deviceId, setDeviceId] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<MicError | null>(null);
  const [attempt, setAttempt] = useState(0);

  if (failure) {
    return (
      <MicHelp
        studyName={studyName}
        micHelpText={micHelpText}
        error={failure}
        onRetry={() => {
          setFailure(null);
          setReady(null);
          setAttempt((n) => n + 1);
        }}
      />
    );
  }
  return (
    <AtariFrame step="mic-check" studyName={studyName}>
      <h1>Check your microphone</h1>
      <p className="lead">
        We record what you say while you play. Say a few words in your normal voice: the bar should
        move while you speak.
      </p>
      <MicCheck
        key={attempt}
        onReady={setReady}
        onDeviceChange={setDeviceId}
        onError={setFailure}
        deviceId={deviceId}
        processing={processing}
      />
      <div className="actions actions--end">
        <button
          type="button"
          className="button"
          disabled={ready !== true}
          onClick={() => onDone(deviceId)}
        >
          Continue
        </button>
      </div>
    </AtariFrame>
  );
}

/** The microphone was refused or is missing: the study's help text and "Try again". */
export function MicHelp({
  studyName,
  micHelpText,
  error,
  onRetry,
}: {
  studyName: string;
  micHelpText: string;
  error: MicError;
  onRetry: () => void;
}) {
  return (
    <AtariFrame step="mic-help" studyName={studyName}>
      <h1>We need your microphone</h1>
      {micHelpText.trim() && <TextBlock text={micHelpText} className="atari-help" />}
      <ErrorAlert error={{ message: error.message }} />
      <div className="actions actions--end">
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </AtariFrame>
  );
}

/** The microphone is being opened for the recording (after the check). */
export function MicOpening({ studyName }: { studyName: string }) {
  return (
    <AtariFrame step="mic-check" studyName={studyName}>
      <p className="status status--waiting" role="status">
        <span className="pulse" aria-hidden="true" />
        Opening the microphone… If the browser asks, choose “Allow”.
      </p>
    </AtariFrame>
  );
}
