import { Stack } from '@mui/material';
import { ArrayInput, BooleanInput, SimpleFormIterator, TextInput } from 'react-admin';

import { LevelInput } from './LevelInput';
import { NumericInput } from './NumericInput';
import {
  DEFAULT_DEBRIEF_QUESTIONS,
  MAX_DEBRIEF_QUESTIONS,
  NUMERIC_SETTINGS,
  REWARD_SETTINGS,
  ROBOTAXI_DEFAULTS,
  validateDebriefId,
  validateDebriefQuestions,
  validateDebriefText,
} from './studyConfig';
import { FormSection } from './FormSection';

const settings = NUMERIC_SETTINGS['woz-robotaxi'];
const defaultDebriefQuestions = DEFAULT_DEBRIEF_QUESTIONS.map((question) => ({ ...question }));

const LEVEL_LEGEND =
  'One row per line: # wall, . empty, B bomb, A acorn, S squirrel, R rover start. The border ' +
  'must be walls, with exactly one A and one S. Without R the rover starts on a random cell, ' +
  'facing a random way, in each episode.';

/** The `config.*` inputs of a RoboTaxi study, in the sections of the study forms. */
export const RobotaxiConfigInputs = () => (
  <>
    <FormSection title="Game" />
    <NumericInput source="config.rounds" setting={settings.rounds} />
    <BooleanInput
      source="config.practiceRound"
      label="Practice round"
      defaultValue={ROBOTAXI_DEFAULTS.practiceRound}
      helperText="Start each session with a practice round on the practice level, before the real rounds."
    />
    <NumericInput source="config.stepLimit" setting={settings.stepLimit} />
    <NumericInput source="config.nopMemory" setting={settings.nopMemory} />

    <FormSection title="Rewards">
      Points the pair scores for each event; negative points are penalties. Whole numbers from
      −1,000 to 1,000.
    </FormSection>
    <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
      {(Object.keys(REWARD_SETTINGS) as (keyof typeof REWARD_SETTINGS)[]).map((key) => (
        <NumericInput key={key} source={`config.rewards.${key}`} setting={REWARD_SETTINGS[key]} />
      ))}
    </Stack>

    <FormSection title="Timing" />
    <NumericInput source="config.stepMs" setting={settings.stepMs} />
    <NumericInput source="config.bombCountdownMs" setting={settings.bombCountdownMs} />
    <NumericInput source="config.roundCountdownMs" setting={settings.roundCountdownMs} />

    <FormSection title="Levels">{LEVEL_LEGEND}</FormSection>
    <LevelInput
      source="config.practiceLevel"
      label="Practice level"
      helperText="Empty: the original study's practice map. Used only with a practice round."
    />
    <LevelInput
      source="config.level"
      label="Real-round level"
      helperText="Empty: every pair gets its own map, generated from its seed with the settings below."
    />
    <NumericInput source="config.gridSize" setting={settings.gridSize} />
    <NumericInput source="config.bombs" setting={settings.bombs} />
    <NumericInput source="config.minItemDistance" setting={settings.minItemDistance} />
    <NumericInput source="config.startClearance" setting={settings.startClearance} />

    <FormSection title="Voice and disconnects" />
    <BooleanInput
      source="config.twoWayVoice"
      label="Two-way voice"
      defaultValue={ROBOTAXI_DEFAULTS.twoWayVoice}
      helperText="Let the teacher hear the wizard too. Off: only the wizard hears the teacher."
    />
    <NumericInput source="config.disconnectGraceS" setting={settings.disconnectGraceS} />

    <FormSection title="Debrief questions">
      What the teacher answers after the last round, at most {MAX_DEBRIEF_QUESTIONS}. Each answer is
      stored under its question&apos;s ID, so keep an ID once data has been collected.
    </FormSection>
    <ArrayInput
      source="config.debriefQuestions"
      label={false}
      defaultValue={defaultDebriefQuestions}
      validate={validateDebriefQuestions}
      helperText="Remove every question to ask none."
    >
      <SimpleFormIterator inline disableClear>
        <TextInput
          source="id"
          label="ID"
          validate={validateDebriefId}
          helperText="e.g. strategy"
          sx={{ width: 180, '& input': { fontFamily: 'monospace' } }}
        />
        <TextInput
          source="text"
          label="Question"
          multiline
          validate={validateDebriefText}
          helperText={false}
          sx={{ flex: 1, minWidth: 280 }}
        />
      </SimpleFormIterator>
    </ArrayInput>
  </>
);
