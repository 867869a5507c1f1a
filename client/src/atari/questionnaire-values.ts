/** The questionnaire form's values and the body they make (pure; see `QuestionnaireForm`). */
import type { Question, QuestionnaireSubmission } from '../../../src/games/common/atari-session';

/** One string (or null: no radio chosen) per question, under `keyOf(index)`. */
export interface QuestionnaireValues {
  answers: Record<string, string | null>;
}

export const REQUIRED = 'Please answer this question.';

/** The form key of a question: never an array index (question ids may be digits only). */
export function keyOf(index: number): string {
  return `q${index}`;
}

/** The question a server reason names (`field` = `answers.<id>`), as its index, or -1. */
export function questionIndexOf(questions: Question[], field: string | undefined): number {
  if (!field?.startsWith('answers.')) return -1;
  const id = field.slice('answers.'.length);
  return questions.findIndex((question) => question.id === id);
}

/**
 * The body of `POST …/session/questionnaire`: text trimmed, single choice as its option, scale
 * as a number; unanswered (or blank) questions are left out.
 */
export function toSubmission(
  questions: Question[],
  values: QuestionnaireValues['answers'],
): QuestionnaireSubmission {
  const answers: QuestionnaireSubmission['answers'] = {};
  questions.forEach((question, index) => {
    const raw = values[keyOf(index)];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (!value) return;
    answers[question.id] = question.type === 'scale' ? Number(value) : value;
  });
  return { answers };
}
