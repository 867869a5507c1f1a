/**
 * The Atari study's questionnaire (flow 4): checking the questions a researcher sets
 * (`config.questionnaire`) and the answers a demonstrator sends. Pure: no Nest, no I/O.
 */
import { MAX_QUESTIONS, MAX_SCALE_STEPS } from '../../games/common/atari-questionnaire.js';
import { type Question, questionSchema } from '../../games/common/atari-session.js';

export interface FieldProblem {
  field: string;
  reason: string;
}

export {
  DEFAULT_QUESTIONNAIRE,
  MAX_QUESTIONS,
  MAX_SCALE_STEPS,
} from '../../games/common/atari-questionnaire.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks the questions of `config.questionnaire` (`field` is its path, e.g.
 * `config.questionnaire`): each against the contract's `questionSchema` (`required` and a text
 * question's `multiline` default to false), then what the schema cannot see: ids used twice, a
 * scale whose min is not below its max or with more than `MAX_SCALE_STEPS` steps, an option
 * listed twice. Returns the questions as they will be stored, or every problem.
 */
export function checkQuestions(
  raw: unknown,
  field: string,
): { ok: true; questions: Question[] } | { ok: false; problems: FieldProblem[] } {
  if (!Array.isArray(raw))
    return { ok: false, problems: [{ field, reason: 'must be a list of questions' }] };
  if (raw.length > MAX_QUESTIONS)
    return { ok: false, problems: [{ field, reason: `at most ${MAX_QUESTIONS} questions` }] };
  const problems: FieldProblem[] = [];
  const questions: Question[] = [];
  const ids = new Set<string>();
  raw.forEach((entry: unknown, i) => {
    const at = `${field}.${i}`;
    const withDefaults = isRecord(entry)
      ? {
          ...entry,
          required: entry.required ?? false,
          ...(entry.type === 'text' ? { multiline: entry.multiline ?? false } : {}),
        }
      : entry;
    const parsed = questionSchema.safeParse(withDefaults);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({
          field: issue.path.length ? `${at}.${issue.path.join('.')}` : at,
          reason: issue.message,
        });
      return;
    }
    const q = parsed.data;
    if (ids.has(q.id)) problems.push({ field: `${at}.id`, reason: `duplicate id ${q.id}` });
    ids.add(q.id);
    if (q.type === 'scale') {
      if (q.min >= q.max)
        problems.push({ field: `${at}.max`, reason: `must be greater than min (${q.min})` });
      else if (q.max - q.min + 1 > MAX_SCALE_STEPS)
        problems.push({
          field: `${at}.max`,
          reason: `a scale has at most ${MAX_SCALE_STEPS} steps (${q.min}–${q.max} has ${q.max - q.min + 1})`,
        });
    }
    if (q.type === 'single-choice') {
      const seen = new Set<string>();
      q.options.forEach((option, j) => {
        if (seen.has(option))
          problems.push({ field: `${at}.options.${j}`, reason: `duplicate option "${option}"` });
        seen.add(option);
      });
    }
    questions.push(q);
  });
  return problems.length ? { ok: false, problems } : { ok: true, questions };
}

/**
 * What is wrong with a demonstrator's answers to `questions`, each as `answers.<id>`: an id that
 * is no question, a required question left out (or a blank text), a text that is not a string, a
 * choice that is not one of the options, a scale answer that is not an integer in [min, max].
 */
export function answerProblems(
  questions: readonly Question[],
  answers: Readonly<Record<string, string | number>>,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  for (const id of Object.keys(answers))
    if (!byId.has(id)) problems.push({ field: `answers.${id}`, reason: 'no such question' });
  for (const q of questions) {
    const field = `answers.${q.id}`;
    const answer = Object.hasOwn(answers, q.id) ? answers[q.id] : undefined;
    const blank = answer === undefined || (typeof answer === 'string' && answer.trim() === '');
    if (blank) {
      if (q.required) problems.push({ field, reason: 'required: please answer this question' });
      continue;
    }
    switch (q.type) {
      case 'text':
        if (typeof answer !== 'string') problems.push({ field, reason: 'must be text' });
        break;
      case 'single-choice':
        if (typeof answer !== 'string' || !q.options.includes(answer))
          problems.push({
            field,
            reason: `must be one of ${q.options.map((o) => `"${o}"`).join(', ')}`,
          });
        break;
      case 'scale':
        if (
          typeof answer !== 'number' ||
          !Number.isInteger(answer) ||
          answer < q.min ||
          answer > q.max
        )
          problems.push({ field, reason: `must be a whole number from ${q.min} to ${q.max}` });
        break;
    }
  }
  return problems;
}

/** The same answers, whatever the order of their keys (a resubmission is compared with this). */
export function sameAnswers(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
): boolean {
  const keys = Object.keys(a);
  return (
    keys.length === Object.keys(b).length &&
    keys.every((k) => Object.hasOwn(b, k) && Object.is(a[k], b[k]))
  );
}
