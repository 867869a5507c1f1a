import {
  ArrayInput,
  BooleanInput,
  FormDataConsumer,
  NumberInput,
  ReferenceInput,
  SelectInput,
  SimpleFormIterator,
  TextInput,
} from 'react-admin';

import type { Question, Rom } from '../types';
import { NumericInput } from './NumericInput';
import { OptionLinesInput } from './OptionLinesInput';
import {
  DEFAULT_QUESTIONNAIRE,
  MAX_QUESTIONS,
  MAX_SCALE_STEPS,
  NUMERIC_SETTINGS,
  QUESTION_TYPE_CHOICES,
  validateDebriefId,
  validateDebriefText,
  validateQuestionnaire,
  validateQuestionType,
  validateScaleEnd,
  validateScaleLabel,
} from './studyConfig';
import { FormSection } from './FormSection';

const settings = NUMERIC_SETTINGS['atari-demo'];
const defaultQuestionnaire = DEFAULT_QUESTIONNAIRE.map((question) => structuredClone(question));

/** The inputs only a question of one type has (`scopedFormData` is the question). */
const TypeInputs = ({ type }: { type: Question['type'] | undefined }) => {
  switch (type) {
    case 'single-choice':
      return <OptionLinesInput source="options" />;
    case 'scale':
      return (
        <>
          <NumberInput
            source="min"
            label="Smallest value"
            defaultValue={1}
            step={1}
            validate={validateScaleEnd}
            helperText={false}
            sx={{ width: 140 }}
          />
          <NumberInput
            source="max"
            label="Largest value"
            defaultValue={7}
            step={1}
            validate={validateScaleEnd}
            helperText={`At most ${MAX_SCALE_STEPS} steps`}
            sx={{ width: 140 }}
          />
          <TextInput
            source="minLabel"
            label="Label of the smallest"
            validate={validateScaleLabel}
            helperText="Optional, e.g. Very badly"
          />
          <TextInput
            source="maxLabel"
            label="Label of the largest"
            validate={validateScaleLabel}
            helperText="Optional, e.g. Very well"
          />
        </>
      );
    case 'text':
      return (
        <BooleanInput
          source="multiline"
          label="Paragraph answer"
          defaultValue={false}
          helperText="A box of several lines instead of one line."
        />
      );
    case undefined:
      return null;
  }
};

/**
 * The `config.*` inputs of an Atari study: the ROM, the practice and session lengths, the texts
 * of each step of the demonstrator's flow, and the questionnaire after the recorded session.
 */
export const AtariConfigInputs = () => (
  <>
    <FormSection title="Atari settings" />
    <ReferenceInput source="config.romId" reference="roms" sort={{ field: 'name', order: 'ASC' }}>
      <SelectInput
        label="ROM"
        optionText={(rom: Rom) => `${rom.name} (${rom.profileId})`}
        helperText="The game participants play: a ROM of the library (Resources → ROMs)."
        emptyText="None yet"
      />
    </ReferenceInput>
    <NumericInput source="config.trialMinutes" setting={settings.trialMinutes} />
    <NumericInput source="config.sessionMinutes" setting={settings.sessionMinutes} />

    <FormSection title="Session texts">
      The instructions above are shown before the practice trial. Leave a text empty to use the
      default one.
    </FormSection>
    <TextInput
      source="config.sessionInstructions"
      label="Before the recorded session"
      multiline
      minRows={3}
      helperText="Shown after the practice, before the recorded session: e.g. keep talking about every move."
    />
    <TextInput
      source="config.micHelpText"
      label="Microphone help"
      multiline
      minRows={3}
      helperText="Shown when the browser has no microphone or the participant refused it."
    />
    <TextInput
      source="config.questionnaireIntro"
      label="Questionnaire introduction"
      multiline
      minRows={2}
      helperText="Shown above the questionnaire."
    />

    <FormSection title="Questionnaire">
      Asked after the recorded session, at most {MAX_QUESTIONS} questions. Each answer is stored
      under its question&apos;s ID, so keep an ID once data has been collected.
    </FormSection>
    <ArrayInput
      source="config.questionnaire"
      label={false}
      defaultValue={defaultQuestionnaire}
      validate={validateQuestionnaire}
      helperText="Remove every question to ask none."
    >
      <SimpleFormIterator disableClear>
        <TextInput
          source="id"
          label="ID"
          validate={validateDebriefId}
          helperText="e.g. self-rating"
          sx={{ width: 220, '& input': { fontFamily: 'monospace' } }}
        />
        <SelectInput
          source="type"
          label="Type"
          choices={QUESTION_TYPE_CHOICES}
          defaultValue="text"
          validate={validateQuestionType}
          helperText={false}
        />
        <TextInput
          source="text"
          label="Question"
          multiline
          validate={validateDebriefText}
          helperText={false}
        />
        <BooleanInput source="required" label="Answer required" defaultValue={false} />
        <FormDataConsumer>
          {({ scopedFormData }) => (
            <TypeInputs type={scopedFormData?.type as Question['type'] | undefined} />
          )}
        </FormDataConsumer>
      </SimpleFormIterator>
    </ArrayInput>
  </>
);
