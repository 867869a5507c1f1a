import { maxLength, maxValue, minValue, number, required, type Validator } from 'react-admin';

import { compilePattern, DEFAULT_ID_PATTERN } from '../common/ids';
import type {
  DebriefQuestion,
  Question,
  RobotaxiRewards,
  Study,
  StudyConfig,
  StudyKind,
} from '../types';
import { normalizeLevel } from './levelText';
import {
  DEFAULT_QUESTIONNAIRE,
  MAX_QUESTIONS,
  MAX_SCALE_STEPS,
} from '../../../src/games/common/atari-questionnaire';

export const KIND_CHOICES: { id: StudyKind; name: string }[] = [
  { id: 'woz-robotaxi', name: 'RoboTaxi (Wizard-of-Oz)' },
  { id: 'atari-demo', name: 'Atari demonstration' },
];

export const SLUG_PATTERN = /^[a-z0-9-]{3,40}$/;

/** Bounds and defaults of the numeric settings, per kind; the server enforces the same. */
export const NUMERIC_SETTINGS = {
  'woz-robotaxi': {
    stepMs: {
      label: 'Step duration (ms)',
      help: 'Time between two moves of the rover: how long the wizard has to choose each move.',
      min: 50,
      max: 10000,
      integer: true,
      default: 1250,
    },
    rounds: {
      label: 'Rounds',
      help: 'Real rounds per session, after the practice round.',
      min: 1,
      max: 20,
      integer: true,
      default: 3,
    },
    stepLimit: {
      label: 'Step limit per round',
      help: 'Moves after which a round ends if the acorn has not been delivered.',
      min: 2,
      max: 1000,
      integer: true,
      default: 100,
    },
    nopMemory: {
      label: 'NOP memory (moves)',
      help:
        'When the wizard chooses no move (NOP), the rover repeats the latest move among this ' +
        'many last choices, or moves at random if there is none.',
      min: 1,
      max: 20,
      integer: true,
      default: 3,
    },
    gridSize: {
      label: 'Generated map size (cells)',
      help: 'Width and height of a generated map, outer walls included.',
      min: 7,
      max: 30,
      integer: true,
      default: 12,
    },
    bombs: {
      label: 'Bombs',
      help: 'Bombs placed on a generated map.',
      min: 0,
      max: 30,
      integer: true,
      default: 3,
    },
    minItemDistance: {
      label: 'Minimum item distance (cells)',
      help:
        'On a generated map, the acorn, the squirrel and the bombs are at least this many moves ' +
        'apart (counting straight moves, ignoring walls).',
      min: 1,
      max: 20,
      integer: true,
      default: 4,
    },
    startClearance: {
      label: 'Start clearance (cells)',
      help: 'A random start never faces a bomb within this many cells straight ahead.',
      min: 0,
      max: 20,
      integer: true,
      default: 3,
    },
    bombCountdownMs: {
      label: 'Pause after a bomb (ms)',
      help: 'Countdown after the rover hits a bomb, before the round starts again.',
      min: 0,
      max: 120000,
      integer: true,
      default: 3000,
    },
    roundCountdownMs: {
      label: 'Pause between rounds (ms)',
      help: 'Countdown after a delivery or the step limit, before the next round starts.',
      min: 0,
      max: 300000,
      integer: true,
      default: 15000,
    },
    disconnectGraceS: {
      label: 'Disconnect grace (s)',
      help:
        'Seconds the game waits for a participant whose connection dropped before it ends the ' +
        'episode as aborted.',
      min: 5,
      max: 3600,
      integer: true,
      default: 60,
    },
  },
  'atari-demo': {
    trialMinutes: {
      label: 'Practice minutes',
      help: 'Length of the practice trial before the recorded session; 0: no practice.',
      min: 0,
      max: 30,
      integer: false,
      default: 1,
    },
    sessionMinutes: {
      label: 'Session minutes',
      help: 'Minutes of play in the recorded session (counted while the game runs).',
      min: 0.1,
      max: 120,
      integer: false,
      default: 10,
    },
  },
} as const satisfies Record<StudyKind, Record<string, NumericSetting>>;

/** RoboTaxi's points per event (`config.rewards.*`). */
export const REWARD_SETTINGS = {
  step: {
    label: 'Step',
    help: 'Points for every move.',
    min: -1000,
    max: 1000,
    integer: true,
    default: -1,
  },
  bomb: {
    label: 'Bomb',
    help: 'Points when the rover hits a bomb.',
    min: -1000,
    max: 1000,
    integer: true,
    default: -10,
  },
  acorn: {
    label: 'Acorn',
    help: 'Points when the rover picks up the acorn.',
    min: -1000,
    max: 1000,
    integer: true,
    default: 5,
  },
  delivery: {
    label: 'Delivery',
    help: 'Points when it brings the acorn to the squirrel.',
    min: -1000,
    max: 1000,
    integer: true,
    default: 10,
  },
} as const satisfies Record<keyof RobotaxiRewards, NumericSetting>;

export interface NumericSetting {
  label: string;
  /** What the setting does, in the researcher's words. */
  help?: string;
  min: number;
  max: number;
  integer: boolean;
  default: number;
}

/** The RoboTaxi booleans and their defaults. */
export const ROBOTAXI_DEFAULTS = { practiceRound: true, twoWayVoice: false } as const;

/** The server's default debrief questions, shown when a study has none set yet. */
export const DEFAULT_DEBRIEF_QUESTIONS: readonly DebriefQuestion[] = [
  { id: 'strategy', text: 'How did you decide what to say to the robot?' },
  { id: 'learning', text: 'Did the robot seem to learn from what you said? Why do you think so?' },
  { id: 'comments', text: 'Anything else you would like to tell us?' },
];
export const MAX_DEBRIEF_QUESTIONS = 20;

/** The Atari study's texts; left blank, the server fills in its default. */
export const ATARI_TEXT_KEYS = [
  'sessionInstructions',
  'micHelpText',
  'questionnaireIntro',
] as const;

export const QUESTION_TYPE_CHOICES: { id: Question['type']; name: string }[] = [
  { id: 'scale', name: 'Scale' },
  { id: 'single-choice', name: 'Single choice' },
  { id: 'text', name: 'Text' },
];

/** The server's default questionnaire, shown when a study has none, and its limits. */
export { DEFAULT_QUESTIONNAIRE, MAX_QUESTIONS, MAX_SCALE_STEPS };
export const MAX_OPTIONS = 20;

/** A choice question's options, typed one per line: trimmed, blank lines dropped. */
export const optionLines = (value: unknown): string[] => {
  const lines: unknown[] = Array.isArray(value)
    ? value
    : typeof value === 'string'
      ? value.split('\n')
      : [];
  return lines
    .filter((line): line is string => typeof line === 'string')
    .map((line) => line.trim())
    .filter((line) => line !== '');
};

/**
 * A question with only the fields of its type (the form keeps the options of a question whose
 * type changed to scale, say), strings trimmed, empty scale labels left out.
 */
const cleanQuestion = (q: unknown): unknown => {
  if (!isRecord(q)) return q;
  const common = {
    id: trimmed(q.id),
    type: q.type,
    text: trimmed(q.text),
    required: q.required === true,
  };
  switch (q.type) {
    case 'text':
      return { ...common, multiline: q.multiline === true };
    case 'single-choice':
      return { ...common, options: optionLines(q.options) };
    case 'scale': {
      const labels = withoutEmpty({ minLabel: trimmed(q.minLabel), maxLabel: trimmed(q.maxLabel) });
      return { ...common, min: q.min, max: q.max, ...labels };
    }
    default:
      return common;
  }
};

const COMMON_CONFIG_KEYS = [
  'consentText',
  'instructions',
  'completionCode',
  'completionRedirectUrl',
  'recording',
];
const KIND_CONFIG_KEYS: Record<StudyKind, string[]> = {
  'woz-robotaxi': [
    ...Object.keys(NUMERIC_SETTINGS['woz-robotaxi']),
    ...Object.keys(ROBOTAXI_DEFAULTS),
    'rewards',
    'practiceLevel',
    'level',
    'debriefQuestions',
  ],
  'atari-demo': [
    'romId',
    ...Object.keys(NUMERIC_SETTINGS['atari-demo']),
    ...ATARI_TEXT_KEYS,
    'questionnaire',
  ],
};

/** Long texts are sent as typed; every other string is trimmed. */
const UNTRIMMED_KEYS = new Set(['consentText', 'instructions', ...ATARI_TEXT_KEYS]);

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);

/** A nested settings object (`recording`, `rewards`) without its empty entries. */
const withoutEmpty = (value: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(value).filter(([, entry]) => !isEmpty(entry)));

const cleanValue = (key: string, value: unknown): unknown => {
  switch (key) {
    case 'practiceLevel':
    case 'level':
      return normalizeLevel(value);
    case 'questionnaire':
      // An empty list is kept: it means "no questionnaire", not "the default one".
      return Array.isArray(value) ? (value as unknown[]).map(cleanQuestion) : value;
    case 'debriefQuestions':
      // An empty list is kept: it means "no debrief questions", not "the defaults".
      return Array.isArray(value)
        ? (value as unknown[]).map((q) =>
            isRecord(q) ? { id: trimmed(q.id), text: trimmed(q.text) } : q,
          )
        : value;
  }
  if (typeof value === 'string') return UNTRIMMED_KEYS.has(key) ? value : value.trim();
  if (isRecord(value)) return withoutEmpty(value);
  return value;
};

/**
 * The config to send for a kind: only that kind's keys (a form keeps the values of the other
 * kind's inputs after the kind changes), without empty optional values (a blank level means the
 * default one), strings trimmed. Every key the server stores must be listed here, or an edit in
 * the admin silently resets it.
 */
export const pickConfig = (kind: StudyKind, config: Record<string, unknown> | null | undefined) => {
  const picked: Record<string, unknown> = {};
  for (const key of [...COMMON_CONFIG_KEYS, ...KIND_CONFIG_KEYS[kind]]) {
    const value = cleanValue(key, config?.[key]);
    if (!isEmpty(value)) picked[key] = value;
  }
  return picked as unknown as StudyConfig;
};

/** Form values of the study forms. */
export type StudyFormValues = Partial<Omit<Study, 'config'>> & {
  config?: Record<string, unknown> | null;
};

export type StudyCreatePayload = Pick<
  Study,
  'name' | 'slug' | 'kind' | 'idPattern' | 'requireAccessCode' | 'config'
>;
export type StudyUpdatePayload = Omit<StudyCreatePayload, 'kind'>;

/** `POST /api/studies` body; read-only and server-made fields are never sent. */
export const toStudyCreatePayload = (values: StudyFormValues): StudyCreatePayload => {
  const kind = values.kind ?? 'woz-robotaxi';
  return {
    name: (values.name ?? '').trim(),
    slug: (values.slug ?? '').trim(),
    kind,
    idPattern: values.idPattern?.trim() || DEFAULT_ID_PATTERN,
    requireAccessCode: values.requireAccessCode ?? false,
    config: pickConfig(kind, values.config),
  };
};

/** `PUT /api/studies/:id` body: the kind is fixed at creation, so it is not sent. */
export const toStudyUpdatePayload = (values: StudyFormValues): StudyUpdatePayload => {
  const { name, slug, idPattern, requireAccessCode, config } = toStudyCreatePayload(values);
  return { name, slug, idPattern, requireAccessCode, config };
};

// Validators. Messages are plain English (react-admin passes unknown keys through).

export const integer = (value: unknown): string | undefined =>
  typeof value === 'number' && !Number.isInteger(value) ? 'Must be a whole number' : undefined;

export const validateIdPattern = (value: unknown): string | undefined => {
  if (isEmpty(value)) return undefined;
  return compilePattern(String(value)) ? undefined : 'Not a valid regular expression';
};

export const validateHttpUrl = (value: unknown): string | undefined => {
  if (isEmpty(value)) return undefined;
  try {
    const url = new URL(String(value).trim());
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? undefined
      : 'Must be an http(s) URL';
  } catch {
    return 'Must be a full URL, e.g. https://app.prolific.com/submissions/complete?cc=XXXX';
  }
};

export const numericValidators = (setting: NumericSetting): Validator[] => [
  required(),
  number('Must be a number'),
  minValue(setting.min, `Must be at least ${setting.min}`),
  maxValue(setting.max, `Must be at most ${setting.max}`),
  ...(setting.integer ? [integer] : []),
];

const formatNumber = (value: number): string => value.toLocaleString('en-US');

/** "What it does. 1 to 20, default 3." */
export const numericHelperText = (setting: NumericSetting): string => {
  const { min, max, help } = setting;
  const range = `${formatNumber(min)} to ${formatNumber(max)}, default ${formatNumber(setting.default)}`;
  return help ? `${help} ${range}.` : range;
};

export const validateName = [required()];
export const validateSlugFormat = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' && !SLUG_PATTERN.test(value)
    ? '3 to 40 characters: lowercase letters, digits and dashes'
    : undefined;

export const validateSlug = [required(), validateSlugFormat];
export const validateKind = [required()];
export const validateIdPatternField = [required(), validateIdPattern];
export const validateLongText = [required()];
export const validateRedirectUrl = [validateHttpUrl];

export const DEBRIEF_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export const validateDebriefIdFormat = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' && !DEBRIEF_ID_PATTERN.test(value.trim())
    ? 'Up to 64 lowercase letters, digits, - and _, starting with a letter or digit'
    : undefined;

/** The list's own checks: not too many questions, no ID twice. */
export const validateDebriefList = (value: unknown): string | undefined => {
  if (!Array.isArray(value)) return undefined;
  if (value.length > MAX_DEBRIEF_QUESTIONS) return `At most ${MAX_DEBRIEF_QUESTIONS} questions`;
  const seen = new Set<string>();
  for (const question of value) {
    const id: unknown = isRecord(question) ? trimmed(question.id) : undefined;
    if (typeof id !== 'string' || id === '') continue;
    if (seen.has(id)) return `The ID "${id}" is used twice: each question needs its own`;
    seen.add(id);
  }
  return undefined;
};

export const validateDebriefId = [required(), validateDebriefIdFormat];
export const validateDebriefText = [required(), maxLength(2000, 'At most 2000 characters')];
export const validateDebriefQuestions = [validateDebriefList];

/** An options text (or list): 2 to 20 distinct options of at most 200 characters. */
export const validateOptionLines = (value: unknown): string | undefined => {
  const options = optionLines(value);
  if (options.length < 2) return 'At least 2 options, one per line';
  if (options.length > MAX_OPTIONS) return `At most ${MAX_OPTIONS} options`;
  if (options.some((option) => option.length > 200)) return 'At most 200 characters an option';
  const twice = options.find((option, i) => options.indexOf(option) !== i);
  return twice === undefined ? undefined : `The option "${twice}" is listed twice`;
};

/** The list's own checks: not too many questions, no ID twice, scales that fit. */
export const validateQuestionnaireList = (value: unknown): string | undefined => {
  if (!Array.isArray(value)) return undefined;
  if (value.length > MAX_QUESTIONS) return `At most ${MAX_QUESTIONS} questions`;
  const seen = new Set<string>();
  for (const [i, question] of value.entries()) {
    if (!isRecord(question)) continue;
    const id = trimmed(question.id);
    if (typeof id === 'string' && id !== '') {
      if (seen.has(id)) return `The ID "${id}" is used twice: each question needs its own`;
      seen.add(id);
    }
    const { min, max } = question;
    if (question.type !== 'scale' || typeof min !== 'number' || typeof max !== 'number') continue;
    if (min >= max) return `Question ${i + 1}: the largest value must be above the smallest`;
    if (max - min + 1 > MAX_SCALE_STEPS)
      return `Question ${i + 1}: a scale has at most ${MAX_SCALE_STEPS} steps (e.g. 0 to 10)`;
  }
  return undefined;
};

export const validateQuestionType = [required()];
export const validateScaleEnd = [required(), number('Must be a number'), integer];
export const validateScaleLabel = [maxLength(100, 'At most 100 characters')];
export const validateQuestionnaire = [validateQuestionnaireList];

/** A question's type and answers in a few words: "scale 1 (Very badly) to 7 (Very well)". */
export const describeQuestion = (q: Question): string => {
  const need = q.required ? 'required' : 'optional';
  switch (q.type) {
    case 'scale': {
      const end = (value: number, label?: string) => (label ? `${value} (${label})` : `${value}`);
      return `scale ${end(q.min, q.minLabel)} to ${end(q.max, q.maxLabel)}, ${need}`;
    }
    case 'single-choice':
      return `one of ${q.options.join(' / ')}, ${need}`;
    case 'text':
      return `${q.multiline ? 'paragraph' : 'line of'} text, ${need}`;
  }
};
