import { maxValue, minValue, number, required, type Validator } from 'react-admin';

import { compilePattern, DEFAULT_ID_PATTERN } from '../common/ids';
import type { Study, StudyConfig, StudyKind } from '../types';

export const KIND_CHOICES: { id: StudyKind; name: string }[] = [
  { id: 'woz-robotaxi', name: 'RoboTaxi (Wizard-of-Oz)' },
  { id: 'atari-demo', name: 'Atari demonstration' },
];

export const SLUG_PATTERN = /^[a-z0-9-]{3,40}$/;

/** Bounds and defaults of the numeric settings, per kind; the server enforces the same. */
export const NUMERIC_SETTINGS = {
  'woz-robotaxi': {
    stepMs: { label: 'Step duration (ms)', min: 250, max: 10000, integer: true, default: 1250 },
    rounds: { label: 'Rounds', min: 1, max: 20, integer: true, default: 3 },
    stepLimit: { label: 'Step limit per round', min: 10, max: 1000, integer: true, default: 100 },
  },
  'atari-demo': {
    trialMinutes: { label: 'Trial minutes', min: 0, max: 30, integer: false, default: 1 },
    sessionMinutes: { label: 'Session minutes', min: 1, max: 120, integer: false, default: 10 },
  },
} as const satisfies Record<StudyKind, Record<string, NumericSetting>>;

export interface NumericSetting {
  label: string;
  min: number;
  max: number;
  integer: boolean;
  default: number;
}

const COMMON_CONFIG_KEYS = [
  'consentText',
  'instructions',
  'completionCode',
  'completionRedirectUrl',
  'recording',
];
const KIND_CONFIG_KEYS: Record<StudyKind, string[]> = {
  'woz-robotaxi': Object.keys(NUMERIC_SETTINGS['woz-robotaxi']),
  'atari-demo': ['romId', ...Object.keys(NUMERIC_SETTINGS['atari-demo'])],
};

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * The config to send for a kind: only that kind's keys (a form keeps the values of the other
 * kind's inputs after the kind changes), without empty optional values, strings trimmed.
 */
export const pickConfig = (kind: StudyKind, config: Record<string, unknown> | null | undefined) => {
  const picked: Record<string, unknown> = {};
  for (const key of [...COMMON_CONFIG_KEYS, ...KIND_CONFIG_KEYS[kind]]) {
    const value = config?.[key];
    if (isEmpty(value)) continue;
    picked[key] =
      typeof value === 'string' && key !== 'consentText' && key !== 'instructions'
        ? value.trim()
        : value;
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
