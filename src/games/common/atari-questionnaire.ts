/**
 * The Atari study's default questionnaire and its limits, shared by the server (which validates
 * `config.questionnaire`) and the admin (which shows the defaults in the study form). Pure data:
 * no zod, so the admin bundle stays small.
 */
import type { Question } from './atari-session.js';

/** Steps of a scale question at most (min..max inclusive): a 0–10 scale is the largest. */
export const MAX_SCALE_STEPS = 11;
export const MAX_QUESTIONS = 50;

/** The questionnaire a new Atari study asks (the researcher edits it in the study form). */
export const DEFAULT_QUESTIONNAIRE: readonly Question[] = [
  {
    id: 'self-rating',
    type: 'scale',
    text: 'How well do you think you played?',
    required: true,
    min: 1,
    max: 7,
    minLabel: 'Very badly',
    maxLabel: 'Very well',
  },
  {
    id: 'played-before',
    type: 'single-choice',
    text: 'Have you played this game before?',
    required: true,
    options: ['Never', 'A few times', 'Often'],
  },
  {
    id: 'comments',
    type: 'text',
    text: 'Anything else you would like to tell us?',
    required: false,
    multiline: true,
  },
];
