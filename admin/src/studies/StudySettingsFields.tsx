import { Box, Stack, Typography } from '@mui/material';
import { Labeled, TextField, useRecordContext } from 'react-admin';

import type { Study } from '../types';
import { AtariSettingsFields } from './AtariSettingsFields';
import { RobotaxiSettingsFields } from './RobotaxiSettingsFields';

const multiline = { whiteSpace: 'pre-wrap' } as const;

/** The study's config: the settings of its kind, then what participants are shown. */
export const StudySettingsFields = () => {
  const study = useRecordContext<Study>();
  if (!study) return null;
  return (
    <Stack spacing={2}>
      <KindSettings study={study} />
      <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
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
    case 'woz-robotaxi':
      return <RobotaxiSettingsFields config={study.config} />;
    case 'atari-demo':
      return <AtariSettingsFields config={study.config} />;
  }
};
