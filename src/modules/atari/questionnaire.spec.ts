import { describe, expect, it } from 'vitest';
import type { Question } from '../../games/common/atari-session.js';
import {
  answerProblems,
  checkQuestions,
  DEFAULT_QUESTIONNAIRE,
  MAX_SCALE_STEPS,
  sameAnswers,
} from './questionnaire.js';

const scale = (extra: Partial<Question> = {}): Question =>
  ({
    id: 'rating',
    type: 'scale',
    text: 'How?',
    required: true,
    min: 1,
    max: 5,
    ...extra,
  }) as Question;
const choice: Question = {
  id: 'before',
  type: 'single-choice',
  text: 'Played before?',
  required: true,
  options: ['Never', 'Often'],
};
const comment: Question = {
  id: 'comments',
  type: 'text',
  text: 'Anything else?',
  required: false,
  multiline: true,
};
const QUESTIONS = [scale(), choice, comment];

const fields = (raw: unknown) => {
  const checked = checkQuestions(raw, 'config.questionnaire');
  return checked.ok ? [] : checked.problems.map((p) => `${p.field}: ${p.reason}`);
};

describe('checkQuestions', () => {
  it('accepts the default questionnaire as it is', () => {
    expect(checkQuestions(DEFAULT_QUESTIONNAIRE, 'q')).toEqual({
      ok: true,
      questions: DEFAULT_QUESTIONNAIRE,
    });
  });

  it('defaults required and multiline to false', () => {
    const checked = checkQuestions([{ id: 'a', type: 'text', text: 'Why?' }], 'q');
    expect(checked).toEqual({
      ok: true,
      questions: [{ id: 'a', type: 'text', text: 'Why?', required: false, multiline: false }],
    });
  });

  it('names each bad field under its index', () => {
    const problems = fields([
      { id: 'Bad Id', type: 'text', text: 'Why?', required: true, multiline: false },
      { id: 'b', type: 'dropdown', text: 'Why?', required: true },
      { id: 'c', type: 'single-choice', text: '', required: true, options: ['only'] },
      { id: 'd', type: 'scale', text: 'How?', required: true, min: 1, max: 5, options: ['x'] },
      'not a question',
    ]);
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        'config.questionnaire.0.id',
        'config.questionnaire.1.type',
        'config.questionnaire.2.text',
        'config.questionnaire.2.options',
        'config.questionnaire.3',
        'config.questionnaire.4',
      ]),
    );
    expect(problems.find((p) => p.startsWith('config.questionnaire.3:'))).toMatch(/options/);
  });

  it('refuses duplicate ids, duplicate options and scales that are empty or too long', () => {
    expect(
      fields([
        scale({ id: 'a' }),
        scale({ id: 'a', min: 3, max: 3 }),
        scale({ id: 'b', min: 0, max: MAX_SCALE_STEPS }),
        { ...choice, options: ['Never', 'Often', 'Never'] },
      ]),
    ).toEqual([
      'config.questionnaire.1.id: duplicate id a',
      'config.questionnaire.1.max: must be greater than min (3)',
      'config.questionnaire.2.max: a scale has at most 11 steps (0–11 has 12)',
      'config.questionnaire.3.options.2: duplicate option "Never"',
    ]);
    expect(fields([scale({ min: 0, max: 10 })])).toEqual([]);
  });

  it('refuses a non-list and too many questions', () => {
    expect(fields({})).toEqual(['config.questionnaire: must be a list of questions']);
    const many = Array.from({ length: 51 }, (_, i) => ({ ...comment, id: `q${i}` }));
    expect(fields(many)).toEqual(['config.questionnaire: at most 50 questions']);
  });
});

describe('answerProblems', () => {
  it('accepts complete answers and an optional question left out', () => {
    expect(answerProblems(QUESTIONS, { rating: 3, before: 'Often' })).toEqual([]);
    expect(answerProblems(QUESTIONS, { rating: 5, before: 'Never', comments: 'fun' })).toEqual([]);
  });

  it('names an unknown id and each required question unanswered (blank text too)', () => {
    expect(answerProblems(QUESTIONS, { bogus: 'x', before: '  ' })).toEqual([
      { field: 'answers.bogus', reason: 'no such question' },
      { field: 'answers.rating', reason: 'required: please answer this question' },
      { field: 'answers.before', reason: 'required: please answer this question' },
    ]);
  });

  it('checks each answer against its question type', () => {
    expect(answerProblems(QUESTIONS, { rating: 6, before: 'Sometimes', comments: 3 })).toEqual([
      { field: 'answers.rating', reason: 'must be a whole number from 1 to 5' },
      { field: 'answers.before', reason: 'must be one of "Never", "Often"' },
      { field: 'answers.comments', reason: 'must be text' },
    ]);
    expect(answerProblems(QUESTIONS, { rating: '3', before: 1 })).toEqual([
      { field: 'answers.rating', reason: 'must be a whole number from 1 to 5' },
      { field: 'answers.before', reason: 'must be one of "Never", "Often"' },
    ]);
    expect(answerProblems([scale()], { rating: 2.5 })).toEqual([
      { field: 'answers.rating', reason: 'must be a whole number from 1 to 5' },
    ]);
    expect(answerProblems([scale()], { rating: 0 })).toHaveLength(1);
  });

  it('does not take inherited keys for answers', () => {
    expect(answerProblems([scale({ id: 'constructor' })], {})).toEqual([
      { field: 'answers.constructor', reason: 'required: please answer this question' },
    ]);
  });
});

describe('sameAnswers', () => {
  it('ignores key order and tells any difference', () => {
    expect(sameAnswers({ a: 1, b: 'x' }, { b: 'x', a: 1 })).toBe(true);
    expect(sameAnswers({ a: 1 }, { a: 1, b: 'x' })).toBe(false);
    expect(sameAnswers({ a: 1 }, { a: '1' })).toBe(false);
    expect(sameAnswers({}, {})).toBe(true);
  });
});
