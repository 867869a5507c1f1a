import { Box, Stack, Typography } from '@mui/material';
import { Labeled, NumberField, ReferenceField, TextField } from 'react-admin';

import type { AtariConfig } from '../types';
import { describeQuestion, NUMERIC_SETTINGS, type NumericSetting } from './studyConfig';

const settings = NUMERIC_SETTINGS['atari-demo'];

const Setting = ({ source, setting }: { source: string; setting: NumericSetting }) => (
  <Labeled label={setting.label}>
    <NumberField source={source} emptyText="—" />
  </Labeled>
);

const LongText = ({ source, label }: { source: string; label: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary">
      {label}
    </Typography>
    <TextField
      source={source}
      component="div"
      emptyText="— (the default text)"
      sx={{ whiteSpace: 'pre-wrap' }}
    />
  </Box>
);

/**
 * An Atari study's settings, read-only: the ROM, lengths, the texts of the demonstrator's flow
 * and the questionnaire. A study saved before a text existed shows none until it is saved again
 * (participants get the default meanwhile).
 */
export const AtariSettingsFields = ({ config }: { config: Partial<AtariConfig> }) => {
  const questions = Array.isArray(config.questionnaire) ? config.questionnaire : null;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Labeled label="ROM">
          <ReferenceField source="config.romId" reference="roms" emptyText="—" link="show" />
        </Labeled>
        <Setting source="config.trialMinutes" setting={settings.trialMinutes} />
        <Setting source="config.sessionMinutes" setting={settings.sessionMinutes} />
      </Stack>
      <LongText source="config.sessionInstructions" label="Before the recorded session" />
      <LongText source="config.micHelpText" label="Microphone help" />
      <LongText source="config.questionnaireIntro" label="Questionnaire introduction" />
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
          Questionnaire
        </Typography>
        {questions === null ? (
          <Typography variant="body2">The default questionnaire</Typography>
        ) : questions.length === 0 ? (
          <Typography variant="body2">None</Typography>
        ) : (
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {questions.map((question) => (
              <Typography key={question.id} component="li" variant="body2">
                <Box component="code" sx={{ fontFamily: 'monospace', mr: 1 }}>
                  {question.id}
                </Box>
                {question.text}{' '}
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  ({describeQuestion(question)})
                </Box>
              </Typography>
            ))}
          </Box>
        )}
      </Box>
    </Stack>
  );
};
