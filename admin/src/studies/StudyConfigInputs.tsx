import { Alert, Typography } from '@mui/material';
import { BooleanInput, FormDataConsumer, TextInput } from 'react-admin';

import type { StudyKind } from '../types';
import { AtariConfigInputs } from './AtariConfigInputs';
import { RobotaxiConfigInputs } from './RobotaxiConfigInputs';
import { validateLongText, validateRedirectUrl, type StudyFormValues } from './studyConfig';

/** The `config.*` inputs: the texts every study has, then the settings of the chosen kind. */
export const StudyConfigInputs = () => (
  <>
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      Participant texts
    </Typography>
    <TextInput
      source="config.consentText"
      label="Consent text"
      multiline
      minRows={4}
      validate={validateLongText}
      helperText="Shown before the study starts; the participant must accept it."
    />
    <TextInput
      source="config.instructions"
      label="Instructions"
      multiline
      minRows={4}
      validate={validateLongText}
      helperText="Shown after consent, before the first session (Atari: before the practice)."
    />
    <TextInput
      source="config.completionCode"
      label="Completion code"
      helperText="Optional: shown at the end, e.g. a Prolific completion code."
    />
    <TextInput
      source="config.completionRedirectUrl"
      label="Completion redirect URL"
      type="url"
      validate={validateRedirectUrl}
      helperText="Optional: where participants are sent when they finish."
    />
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      Recording
    </Typography>
    <Typography variant="body2" color="text.secondary">
      The microphone is recorded as it is, for prosody. Turn on the browser&apos;s processing only
      if participants are in noisy rooms.
    </Typography>
    <BooleanInput source="config.recording.echoCancellation" label="Echo cancellation" />
    <BooleanInput source="config.recording.noiseSuppression" label="Noise suppression" />
    <BooleanInput source="config.recording.autoGainControl" label="Automatic gain control" />
    <FormDataConsumer<StudyFormValues>>
      {({ formData }) => <KindSettings kind={formData.kind} />}
    </FormDataConsumer>
  </>
);

const KindSettings = ({ kind }: { kind: StudyKind | undefined }) => {
  if (!kind) {
    return (
      <Alert severity="info" sx={{ mt: 2 }}>
        Choose a kind to set its game settings.
      </Alert>
    );
  }
  switch (kind) {
    case 'woz-robotaxi':
      return <RobotaxiConfigInputs />;
    case 'atari-demo':
      return <AtariConfigInputs />;
  }
};
