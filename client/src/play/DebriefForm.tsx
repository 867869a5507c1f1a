/** The teacher's questions after the last round: one text box per question, then "Submit". */
import { useState, type FormEvent } from 'react';

import type {
  Ack,
  SessionView,
  TeacherDebriefPayload,
} from '../../../src/games/common/robotaxi-events';
import { ErrorAlert } from '../components/ErrorAlert';

interface DebriefFormProps {
  questions: SessionView['debriefQuestions'];
  onSubmit: (payload: TeacherDebriefPayload) => Promise<Ack>;
}

export function DebriefForm({ questions, onSubmit }: DebriefFormProps) {
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    setSubmitting(true);
    setError(null);
    const payload: TeacherDebriefPayload = {
      answers: Object.fromEntries(questions.map(({ id }) => [id, (answers[id] ?? '').trim()])),
    };
    const answer = await onSubmit(payload);
    setSubmitting(false);
    if (!answer.ok) setError(answer.error);
  };

  return (
    <section className="debrief" aria-labelledby="debrief-heading">
      <h1 id="debrief-heading">A few questions</h1>
      <p className="lead">
        {questions.length > 0
          ? 'Please answer in your own words. There are no right or wrong answers.'
          : 'There are no questions this time. Press “Submit” to finish.'}
      </p>
      <form className="form" onSubmit={(event) => void submit(event)} aria-busy={submitting}>
        {questions.map(({ id, text }) => (
          <div key={id} className="field">
            <label htmlFor={`debrief-${id}`}>{text}</label>
            <textarea
              id={`debrief-${id}`}
              name={id}
              data-question={id}
              rows={4}
              maxLength={5000}
              value={answers[id] ?? ''}
              onChange={(event) =>
                setAnswers((current) => ({ ...current, [id]: event.target.value }))
              }
            />
          </div>
        ))}
        {error && <ErrorAlert error={{ message: error }} />}
        <div className="actions actions--end">
          <button type="submit" className="button" disabled={submitting}>
            Submit
          </button>
        </div>
      </form>
    </section>
  );
}
