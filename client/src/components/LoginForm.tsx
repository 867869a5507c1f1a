import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';

import { fetchPublicStudy, login, type ParticipantLoginRequest } from '../api';
import { describeError, describeLoginError, type ErrorText } from '../errors';
import { nextPath, saveSession } from '../session';
import { useStudyLookup, type StudyLookup } from '../useStudyLookup';
import { ErrorAlert } from './ErrorAlert';

/** Wait this long after the last keystroke in "Study code" before looking the study up. */
const TYPING_DELAY_MS = 400;

interface LoginFormProps {
  /** The study slug from the URL (`?study=`); empty when the participant must type it. */
  initialStudy: string;
}

/**
 * Study code (unless the URL names a known study), participant ID, access code (only when the
 * study asks for one) and "Log in".
 */
export function LoginForm({ initialStudy }: LoginFormProps) {
  const navigate = useNavigate();
  const [studyCode, setStudyCode] = useState(initialStudy);
  const [participantId, setParticipantId] = useState('');
  const [accessCode, setAccessCode] = useState('');
  const [studyFieldTouched, setStudyFieldTouched] = useState(false);
  const [askAccessCode, setAskAccessCode] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<ErrorText | null>(null);
  const studyInput = useRef<HTMLInputElement>(null);
  const participantInput = useRef<HTMLInputElement>(null);
  const accessCodeInput = useRef<HTMLInputElement>(null);

  const slug = studyCode.trim();
  const { lookup, retry } = useStudyLookup(slug, slug === initialStudy ? 0 : TYPING_DELAY_MS);
  const study = lookup.status === 'found' ? lookup.study : null;
  const urlStudyUnknown =
    Boolean(initialStudy) && lookup.status === 'unknown' && slug === initialStudy;
  // The URL's study is shown by name; the field appears only without one or when it is unknown.
  const showStudyField = !initialStudy || studyFieldTouched || urlStudyUnknown;
  const showAccessCode = askAccessCode || Boolean(study?.requireAccessCode);
  const urlStudyLoading = !showStudyField && lookup.status === 'loading';
  const urlStudyFailed = !showStudyField && lookup.status === 'error';

  function onStudyChange(event: ChangeEvent<HTMLInputElement>) {
    setStudyFieldTouched(true);
    setAskAccessCode(false);
    setStudyCode(event.target.value);
  }

  function onParticipantIdChange(event: ChangeEvent<HTMLInputElement>) {
    // Uppercase as typed, keeping the caret where it was.
    const input = event.target;
    const upper = input.value.toUpperCase();
    if (upper !== input.value) {
      const { selectionStart, selectionEnd } = input;
      input.value = upper;
      if (selectionStart !== null && selectionEnd !== null) {
        input.setSelectionRange(selectionStart, selectionEnd);
      }
    }
    setParticipantId(upper);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    const id = participantId.trim();
    const code = accessCode.trim();
    if (!slug) {
      setError({ message: 'Enter the study code you were given.' });
      studyInput.current?.focus();
      return;
    }
    if (!id) {
      setError({ message: 'Enter your participant ID.' });
      participantInput.current?.focus();
      return;
    }

    setSubmitting(true);
    setError(null);
    try {
      // Normally known already; a fast typist may press "Log in" before the lookup answered.
      const target = study ?? (await fetchPublicStudy(slug));
      if (target.requireAccessCode && !code) {
        setAskAccessCode(true);
        setError({ message: 'This study needs an access code. Enter it, then press "Log in".' });
        accessCodeInput.current?.focus();
        return;
      }
      const request: ParticipantLoginRequest = { study: slug, participantId: id };
      if (showAccessCode && code) request.accessCode = code;
      const response = await login(request);
      saveSession(response);
      void navigate(nextPath(response), { replace: true });
    } catch (failure) {
      setError(describeLoginError(failure));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      {study && !showStudyField ? (
        <>
          <p className="eyebrow">Study</p>
          <h1>{study.name}</h1>
        </>
      ) : (
        <h1>Participant login</h1>
      )}
      <p className="lead">
        {showStudyField
          ? 'Enter the study code and the participant ID you were given.'
          : 'Enter the participant ID you were given.'}
      </p>

      {urlStudyLoading && (
        <p className="status" role="status">
          Loading the study…
        </p>
      )}
      {urlStudyFailed && (
        <ErrorAlert error={describeError(lookup.error)}>
          <button type="button" className="button button--secondary" onClick={retry}>
            Try again
          </button>
        </ErrorAlert>
      )}
      {urlStudyUnknown && (
        <ErrorAlert
          error={{
            message: `Unknown study “${initialStudy}”. Check the link you were given, or type your study code below.`,
          }}
        />
      )}

      <form
        className="form"
        onSubmit={(event) => void onSubmit(event)}
        noValidate
        aria-busy={submitting}
      >
        {showStudyField && (
          <div className="field">
            <label htmlFor="study-code">Study code</label>
            <input
              ref={studyInput}
              id="study-code"
              name="study"
              type="text"
              value={studyCode}
              onChange={onStudyChange}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
              aria-describedby="study-code-hint"
              autoFocus={!initialStudy}
            />
            <StudyHint id="study-code-hint" lookup={lookup} quietUnknown={urlStudyUnknown} />
          </div>
        )}

        <div className="field">
          <label htmlFor="participant-id">Participant ID</label>
          <input
            ref={participantInput}
            id="participant-id"
            name="participantId"
            type="text"
            value={participantId}
            onChange={onParticipantIdChange}
            placeholder="e.g. T0001"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={64}
            required
            autoFocus={Boolean(initialStudy)}
          />
        </div>

        {showAccessCode && (
          <div className="field">
            <label htmlFor="access-code">Access code</label>
            <input
              ref={accessCodeInput}
              id="access-code"
              name="accessCode"
              type="text"
              value={accessCode}
              onChange={(event) => setAccessCode(event.target.value)}
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              required
            />
          </div>
        )}

        {error && <ErrorAlert error={error} />}

        <button type="submit" className="button" disabled={submitting}>
          Log in
        </button>
        {submitting && (
          <p className="status" role="status">
            Logging in…
          </p>
        )}
      </form>
    </>
  );
}

interface StudyHintProps {
  id: string;
  lookup: StudyLookup;
  /** An alert above already says the study is unknown. */
  quietUnknown: boolean;
}

/** Under "Study code": what the typed code refers to, announced politely as it changes. */
function StudyHint({ id, lookup, quietUnknown }: StudyHintProps) {
  let text = 'The code is in the link or on the sheet you were given.';
  let tone = '';
  if (lookup.status === 'loading') text = 'Looking up the study…';
  else if (lookup.status === 'found') {
    text = `Study: ${lookup.study.name}`;
    tone = 'hint--ok';
  } else if (lookup.status === 'unknown' && !quietUnknown) {
    text = 'Unknown study. Check the code you were given.';
    tone = 'hint--error';
  } else if (lookup.status === 'error') {
    text = describeError(lookup.error).message;
    tone = 'hint--error';
  }
  return (
    <p id={id} className={`hint ${tone}`} aria-live="polite">
      {text}
    </p>
  );
}
