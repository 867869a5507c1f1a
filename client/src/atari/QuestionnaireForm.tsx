/**
 * The study's questionnaire after the session (`settings.questionnaire`), with react-hook-form:
 * text (a line, or a paragraph box), single choice (radio buttons), scale (a row of radio buttons
 * min..max between the min and max labels). Required questions are checked before sending; the
 * server's 400 reasons (`errors[].field` = `answers.<id>`) are shown at their question.
 */
import { useState } from 'react';
import { useForm, type FieldErrors, type UseFormRegister } from 'react-hook-form';

import type {
  AtariSessionView,
  AtariSettings,
  Question,
} from '../../../src/games/common/atari-session';
import { ApiRequestError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { TextBlock } from '../components/TextBlock';
import { describeError } from '../errors';
import { submitQuestionnaire } from './atari-api';
import { waitForEpisodesEnded } from './page-frames';
import {
  keyOf,
  questionIndexOf,
  REQUIRED,
  toSubmission,
  type QuestionnaireValues as Values,
} from './questionnaire-values';

export function QuestionnaireForm({
  participantId,
  settings,
  onSubmitted,
}: {
  participantId: string;
  settings: AtariSettings;
  onSubmitted: (view: AtariSessionView) => void;
}) {
  const questions = settings.questionnaire;
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<Values>({ defaultValues: { answers: {} }, shouldFocusError: true });
  const [failure, setFailure] = useState<unknown>(null);

  const submit = async (values: Values) => {
    setFailure(null);
    try {
      // The server takes the answers once no game is running: the last one's end may still be
      // on its way.
      await waitForEpisodesEnded(participantId);
      onSubmitted(await submitQuestionnaire(toSubmission(questions, values.answers)));
    } catch (error) {
      if (error instanceof ApiRequestError && error.status === 400) {
        let placed = 0;
        for (const reason of error.errors) {
          const index = questionIndexOf(questions, reason.field);
          if (index < 0) continue;
          setError(`answers.${keyOf(index)}`, { type: 'server', message: reason.reason });
          placed++;
        }
        if (placed === error.errors.length && placed > 0) return;
      }
      setFailure(error);
    }
  };

  return (
    <section className="questionnaire" aria-labelledby="questionnaire-heading">
      <h1 id="questionnaire-heading">A few questions</h1>
      {settings.questionnaireIntro.trim() ? (
        <TextBlock text={settings.questionnaireIntro} className="lead" />
      ) : (
        <p className="lead">There are no right or wrong answers.</p>
      )}
      <form
        className="form"
        noValidate
        aria-busy={isSubmitting}
        onSubmit={(event) => void handleSubmit(submit)(event)}
      >
        {questions.length === 0 && <p>There are no questions this time. Press “Submit”.</p>}
        {questions.map((question, index) => (
          <QuestionField
            key={question.id}
            question={question}
            name={keyOf(index)}
            register={register}
            errors={errors}
          />
        ))}
        {failure !== null && <ErrorAlert error={describeError(failure)} />}
        <div className="actions actions--end">
          <button type="submit" className="button" disabled={isSubmitting}>
            Submit
          </button>
        </div>
      </form>
    </section>
  );
}

function QuestionField({
  question,
  name,
  register,
  errors,
}: {
  question: Question;
  name: string;
  register: UseFormRegister<Values>;
  errors: FieldErrors<Values>;
}) {
  const field = `answers.${name}` as const;
  const id = `question-${name}`;
  const errorId = `${id}-error`;
  const message = errors.answers?.[name]?.message;
  const invalid = message !== undefined;
  const rules = {
    validate: (value: string | null) =>
      !question.required || (typeof value === 'string' && value.trim() !== '') || REQUIRED,
  };
  const error = invalid && (
    <p className="hint hint--error" id={errorId} role="alert">
      {message}
    </p>
  );
  const mark = question.required ? (
    <span className="questionnaire__required"> (required)</span>
  ) : null;

  switch (question.type) {
    case 'text': {
      const input = {
        id,
        'aria-invalid': invalid,
        'aria-describedby': invalid ? errorId : undefined,
        'aria-required': question.required,
        'data-question': question.id,
        ...register(field, rules),
      };
      return (
        <div className="field">
          <label htmlFor={id}>
            {question.text}
            {mark}
          </label>
          {question.multiline ? (
            <textarea className="textarea" rows={4} maxLength={10_000} {...input} />
          ) : (
            <input type="text" maxLength={10_000} {...input} />
          )}
          {error}
        </div>
      );
    }
    case 'single-choice':
      return (
        <fieldset
          className="field choice-group"
          data-question={question.id}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
        >
          <legend>
            {question.text}
            {mark}
          </legend>
          <div className="choice-group__options">
            {question.options.map((option) => (
              <label key={option} className="choice">
                <input type="radio" value={option} {...register(field, rules)} />
                <span>{option}</span>
              </label>
            ))}
          </div>
          {error}
        </fieldset>
      );
    case 'scale': {
      const values = scaleValues(question.min, question.max);
      const hintId = `${id}-ends`;
      const ends = [
        question.minLabel ? `${question.min} = ${question.minLabel}` : null,
        question.maxLabel ? `${question.max} = ${question.maxLabel}` : null,
      ].filter(Boolean);
      const describedBy = [ends.length ? hintId : null, invalid ? errorId : null]
        .filter(Boolean)
        .join(' ');
      return (
        <fieldset
          className="field scale"
          data-question={question.id}
          aria-invalid={invalid}
          aria-describedby={describedBy || undefined}
        >
          <legend>
            {question.text}
            {mark}
          </legend>
          <div className="scale__row">
            {question.minLabel && (
              <span className="scale__end" aria-hidden="true">
                {question.minLabel}
              </span>
            )}
            {values.map((value) => (
              <label key={value} className="scale__option">
                <input type="radio" value={String(value)} {...register(field, rules)} />
                <span>{value}</span>
              </label>
            ))}
            {question.maxLabel && (
              <span className="scale__end" aria-hidden="true">
                {question.maxLabel}
              </span>
            )}
          </div>
          {ends.length > 0 && (
            <p className="visually-hidden" id={hintId}>
              {ends.join(', ')}
            </p>
          )}
          {error}
        </fieldset>
      );
    }
  }
}

function scaleValues(min: number, max: number): number[] {
  const values: number[] = [];
  for (let v = Math.min(min, max); v <= Math.max(min, max) && values.length < 101; v++) {
    values.push(v);
  }
  return values;
}
