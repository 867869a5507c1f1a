import { BadRequestException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  Matches,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
  validateSync,
} from 'class-validator';
import type { StudyKind } from '../../games/common/api.js';
import type { Question } from '../../games/common/atari-session.js';
import { flattenValidationErrors } from '../../common/validation.js';
import { checkQuestions, DEFAULT_QUESTIONNAIRE } from '../atari/questionnaire.js';
import { generateLevel, LevelError, parseLevel, pickStart } from '../../games/robotaxi/maps.js';
import type { Level } from '../../games/robotaxi/types.js';

/** The browser's processing of the mic signal (see `RecordingProcessing`): all off by default. */
export class RecordingProcessingConfig {
  @IsBoolean()
  echoCancellation = false;

  @IsBoolean()
  noiseSuppression = false;

  @IsBoolean()
  autoGainControl = false;
}

/** Texts every study shows its participants, and how it records them. */
class CommonStudyConfig {
  @IsString()
  @MinLength(1, { message: 'consentText must not be empty' })
  @MaxLength(50_000)
  consentText: string;

  @IsString()
  @MinLength(1, { message: 'instructions must not be empty' })
  @MaxLength(50_000)
  instructions: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  completionCode?: string;

  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  completionRedirectUrl?: string;

  @ValidateNested()
  @Type(() => RecordingProcessingConfig)
  recording: RecordingProcessingConfig = new RecordingProcessingConfig();
}

/** Points of each event in RoboTaxi (the original study's values by default). */
export class RobotaxiRewardsConfig {
  @IsInt()
  @Min(-1000)
  @Max(1000)
  step = -1;

  @IsInt()
  @Min(-1000)
  @Max(1000)
  bomb = -10;

  @IsInt()
  @Min(-1000)
  @Max(1000)
  acorn = 5;

  @IsInt()
  @Min(-1000)
  @Max(1000)
  delivery = 10;
}

/** A debrief question shown to the teacher in the feedback phase. */
export class DebriefQuestionConfig {
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9_-]{0,63}$/, {
    message: 'id must be 1-64 lowercase letters, digits, - or _',
  })
  id: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  text: string;
}

export const DEFAULT_DEBRIEF_QUESTIONS: DebriefQuestionConfig[] = [
  { id: 'strategy', text: 'How did you decide what to say to the robot?' },
  { id: 'learning', text: 'Did the robot seem to learn from what you said? Why do you think so?' },
  { id: 'comments', text: 'Anything else you would like to tell us?' },
];

/**
 * Wizard-of-Oz RoboTaxi: the rules of the study it replaces are the defaults. Levels are the JSON
 * level format of `src/games/robotaxi/maps.ts` (checked when the study is saved).
 */
export class RobotaxiStudyConfig extends CommonStudyConfig {
  /** Milliseconds between steps (the server's game clock). */
  @IsInt()
  @Min(50)
  @Max(10_000)
  stepMs = 1250;

  /** Real rounds after the practice round. */
  @IsInt()
  @Min(1)
  @Max(20)
  rounds = 3;

  @IsInt()
  @Min(2)
  @Max(1000)
  stepLimit = 100;

  @IsBoolean()
  practiceRound = true;

  @ValidateNested()
  @Type(() => RobotaxiRewardsConfig)
  rewards: RobotaxiRewardsConfig = new RobotaxiRewardsConfig();

  /** NOP repeats the most recent action among this many last actions. */
  @IsInt()
  @Min(1)
  @Max(20)
  nopMemory = 3;

  /** Side of the generated square map, walls included. */
  @IsInt()
  @Min(7)
  @Max(30)
  gridSize = 12;

  @IsInt()
  @Min(0)
  @Max(30)
  bombs = 3;

  /** Minimum Manhattan distance between any two items of a generated map. */
  @IsInt()
  @Min(1)
  @Max(20)
  minItemDistance = 4;

  /** No bomb within this many cells ahead of a random start. */
  @IsInt()
  @Min(0)
  @Max(20)
  startClearance = 3;

  @IsInt()
  @Min(0)
  @Max(120_000)
  bombCountdownMs = 3000;

  @IsInt()
  @Min(0)
  @Max(300_000)
  roundCountdownMs = 15_000;

  /** The practice round's level (default: the original study's practice map). */
  @IsOptional()
  @IsObject()
  practiceLevel?: Record<string, unknown>;

  /** The real rounds' level (default: generated from the pair's seed). */
  @IsOptional()
  @IsObject()
  level?: Record<string, unknown>;

  /** Seconds the game waits for a disconnected member before ending the episode as aborted. */
  @IsInt()
  @Min(5)
  @Max(3600)
  disconnectGraceS = 60;

  /** The wizard's voice reaches the teacher too. */
  @IsBoolean()
  twoWayVoice = false;

  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DebriefQuestionConfig)
  debriefQuestions: DebriefQuestionConfig[] = DEFAULT_DEBRIEF_QUESTIONS.map((q) =>
    Object.assign(new DebriefQuestionConfig(), q),
  );
}

export const DEFAULT_SESSION_INSTRUCTIONS =
  'The recorded session starts now. Play as well as you can, and keep speaking aloud about ' +
  'your moves the whole time: say what you are about to do and why, even briefly ("yes", ' +
  '"no", "shoot now", "wait").';

export const DEFAULT_MIC_HELP_TEXT =
  'This study records your voice, so it needs your microphone. Click the camera or lock icon ' +
  "in your browser's address bar, allow the microphone for this site, then reload the page. " +
  'If no microphone is found, plug one in (or choose it in your system settings) and reload.';

export const DEFAULT_QUESTIONNAIRE_INTRO =
  'Thank you for playing! Please answer a few short questions before you finish.';

/**
 * Atari demonstration (flow 4): the ROM played, the practice trial and the recorded session's
 * lengths, the texts of each step and the questionnaire after the session (`Question` of
 * `src/games/common/atari-session.ts`; checked by `checkQuestions`).
 */
export class AtariStudyConfig extends CommonStudyConfig {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  romId?: string;

  /** Minutes of the practice trial; 0: no practice. */
  @IsNumber()
  @Min(0)
  @Max(30)
  trialMinutes = 1;

  /** Minutes of accumulated play in the recorded session. */
  @IsNumber()
  @Min(0.1)
  @Max(120)
  sessionMinutes = 10;

  /** Shown after the practice trial, before the recorded session. */
  @IsString()
  @MinLength(1, { message: 'sessionInstructions must not be empty' })
  @MaxLength(50_000)
  sessionInstructions = DEFAULT_SESSION_INSTRUCTIONS;

  /** Shown when the participant refuses (or has no) microphone. */
  @IsString()
  @MinLength(1, { message: 'micHelpText must not be empty' })
  @MaxLength(50_000)
  micHelpText = DEFAULT_MIC_HELP_TEXT;

  /** Shown above the questionnaire. */
  @IsString()
  @MinLength(1, { message: 'questionnaireIntro must not be empty' })
  @MaxLength(10_000)
  questionnaireIntro = DEFAULT_QUESTIONNAIRE_INTRO;

  /** Asked after the recorded session; an empty list asks nothing. */
  @IsArray()
  questionnaire: Question[] = DEFAULT_QUESTIONNAIRE.map((q) => structuredClone(q));
}

const CONFIG_CLASS: Record<StudyKind, new () => CommonStudyConfig> = {
  'woz-robotaxi': RobotaxiStudyConfig,
  'atari-demo': AtariStudyConfig,
};

/**
 * Validates a study's config for its kind, fills in defaults and drops nothing silently:
 * unknown keys are an error. Throws a 400 naming each bad field as `config.<field>`.
 */
export function validateStudyConfig(kind: StudyKind, raw: unknown): Record<string, unknown> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new BadRequestException({
      message: 'config: must be an object',
      errors: [{ field: 'config', reason: 'must be an object' }],
    });
  const instance = plainToInstance(CONFIG_CLASS[kind], raw, { exposeDefaultValues: true });
  const errors = flattenValidationErrors(
    validateSync(instance, { whitelist: true, forbidNonWhitelisted: true }),
    'config',
  );
  if (!errors.length && instance instanceof RobotaxiStudyConfig)
    errors.push(...robotaxiProblems(instance));
  if (instance instanceof AtariStudyConfig && Array.isArray(instance.questionnaire)) {
    const checked = checkQuestions(instance.questionnaire, 'config.questionnaire');
    if (checked.ok) instance.questionnaire = checked.questions;
    else errors.push(...checked.problems);
  }
  if (errors.length)
    throw new BadRequestException({
      message: errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      errors,
    });
  return JSON.parse(JSON.stringify(instance)) as Record<string, unknown>;
}

/** What the field checks cannot see: levels that do not parse, maps that cannot be generated. */
function robotaxiProblems(config: RobotaxiStudyConfig): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  const levels: { field: string; level: Level }[] = [];
  for (const key of ['practiceLevel', 'level'] as const) {
    const raw = config[key];
    if (!raw) continue;
    try {
      levels.push({ field: `config.${key}`, level: parseLevel(raw, key) });
    } catch (error) {
      if (!(error instanceof LevelError)) throw error;
      problems.push(...error.problems.map((reason) => ({ field: `config.${key}`, reason })));
    }
  }
  if (!config.level) {
    try {
      const options = {
        size: config.gridSize,
        bombs: config.bombs,
        minItemDistance: config.minItemDistance,
      };
      levels.push({ field: 'config.gridSize', level: generateLevel(1, options) });
    } catch (error) {
      if (!(error instanceof LevelError)) throw error;
      problems.push({ field: 'config.gridSize', reason: error.message });
    }
  }
  for (const { field, level } of levels) {
    try {
      pickStart(level, 1, config.startClearance);
    } catch (error) {
      if (!(error instanceof LevelError)) throw error;
      problems.push({ field: 'config.startClearance', reason: `${field}: ${error.message}` });
    }
  }
  const seen = new Set<string>();
  config.debriefQuestions.forEach((q, i) => {
    if (seen.has(q.id))
      problems.push({ field: `config.debriefQuestions.${i}.id`, reason: `duplicate id ${q.id}` });
    seen.add(q.id);
  });
  return problems;
}
