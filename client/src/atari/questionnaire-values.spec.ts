import { describe, expect, it } from 'vitest';

import {
  questionnaireSubmissionSchema,
  type Question,
} from '../../../src/games/common/atari-session';
import { keyOf, questionIndexOf, toSubmission } from './questionnaire-values';

const QUESTIONS: Question[] = [
  {
    id: 'often',
    type: 'single-choice',
    text: 'How often?',
    required: true,
    options: ['Never', 'A few times'],
  },
  { id: 'sure', type: 'scale', text: 'How sure?', required: true, min: 1, max: 7 },
  { id: 'how', type: 'text', text: 'How?', required: false, multiline: true },
  { id: '7', type: 'text', text: 'Anything else?', required: false, multiline: false },
];

describe('toSubmission', () => {
  it('sends options as strings, scales as numbers, text trimmed', () => {
    const body = toSubmission(QUESTIONS, {
      [keyOf(0)]: 'A few times',
      [keyOf(1)]: '5',
      [keyOf(2)]: '  I said yes.  ',
      [keyOf(3)]: '',
    });
    expect(body).toEqual({ answers: { often: 'A few times', sure: 5, how: 'I said yes.' } });
    expect(questionnaireSubmissionSchema.safeParse(body).success).toBe(true);
  });

  it('leaves out unanswered questions (no radio chosen, blank text)', () => {
    expect(toSubmission(QUESTIONS, { [keyOf(1)]: null, [keyOf(2)]: '   ' })).toEqual({
      answers: {},
    });
  });

  it('finds the question a server reason names', () => {
    expect(questionIndexOf(QUESTIONS, 'answers.sure')).toBe(1);
    expect(questionIndexOf(QUESTIONS, 'answers.7')).toBe(3);
    expect(questionIndexOf(QUESTIONS, 'answers.nope')).toBe(-1);
    expect(questionIndexOf(QUESTIONS, 'answers')).toBe(-1);
    expect(questionIndexOf(QUESTIONS, undefined)).toBe(-1);
  });
});
