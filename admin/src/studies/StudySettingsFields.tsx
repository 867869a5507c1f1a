import { Box, Stack, Typography } from '@mui/material';
import { Labeled, NumberField, TextField, useRecordContext } from 'react-admin';

import type { Study } from '../types';
import { NUMERIC_SETTINGS, type NumericSetting } from './studyConfig';

const Setting = ({ source, setting }: { source: string; setting: NumericSetting }) => (
  <Labeled label={setting.label}>
    <NumberField source={source} emptyText="—" />
  </Labeled>
);

const multiline = { whiteSpace: 'pre-wrap' } as const;

/** The study's config: participant texts, then the settings of its kind. */
export const StudySettingsFields = () => {
  const study = useRecordContext<Study>();
  if (!study) return null;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <KindSettings study={study} />
        <Labeled label="Completion code">
          <TextField source="config.completionCode" emptyText="—" />
        </Labeled>
        <Labeled label="Completion redirect URL">
          <TextField source="config.completionRedirectUrl" emptyText="—" />
        </Labeled>
      </Stack>
      <Box>
        <Typography variant="caption" color="text.secondary">
          Consent text
        </Typography>
        <TextField source="config.consentText" component="div" sx={multiline} />
      </Box>
      <Box>
        <Typography variant="caption" color="text.secondary">
          Instructions
        </Typography>
        <TextField source="config.instructions" component="div" sx={multiline} />
      </Box>
    </Stack>
  );
};

const KindSettings = ({ study }: { study: Study }) => {
  switch (study.kind) {
    case 'woz-robotaxi': {
      const settings = NUMERIC_SETTINGS[study.kind];
      return (
        <>
          <Setting source="config.stepMs" setting={settings.stepMs} />
          <Setting source="config.rounds" setting={settings.rounds} />
          <Setting source="config.stepLimit" setting={settings.stepLimit} />
        </>
      );
    }
    case 'atari-demo': {
      const settings = NUMERIC_SETTINGS[study.kind];
      return (
        <>
          <Labeled label="ROM">
            <TextField source="config.romId" emptyText="—" />
          </Labeled>
          <Setting source="config.trialMinutes" setting={settings.trialMinutes} />
          <Setting source="config.sessionMinutes" setting={settings.sessionMinutes} />
        </>
      );
    }
  }
};
