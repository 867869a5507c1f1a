import { BooleanInput, SelectInput, TextInput } from 'react-admin';

import { DEFAULT_ID_PATTERN } from '../common/ids';
import { StudyConfigInputs } from './StudyConfigInputs';
import {
  KIND_CHOICES,
  validateIdPatternField,
  validateKind,
  validateName,
  validateSlug,
} from './studyConfig';

/**
 * The inputs of the study create and edit forms. Labels are fixed: the browser e2e tests
 * find "Name", "Slug", "Kind", "Consent text" and "Instructions" by them.
 */
export const StudyFormFields = ({ mode }: { mode: 'create' | 'edit' }) => (
  <>
    <TextInput source="name" label="Name" validate={validateName} />
    <TextInput
      source="slug"
      label="Slug"
      validate={validateSlug}
      helperText={
        mode === 'create'
          ? 'Used in the participant login URL: lowercase letters, digits and dashes.'
          : 'Changing it changes the participant login URL.'
      }
    />
    <SelectInput
      source="kind"
      label="Kind"
      choices={KIND_CHOICES}
      validate={validateKind}
      defaultValue={mode === 'create' ? KIND_CHOICES[0].id : undefined}
      readOnly={mode === 'edit'}
      helperText={
        mode === 'create' ? 'Cannot be changed later.' : 'Fixed when the study was created.'
      }
    />
    <TextInput
      source="idPattern"
      label="ID pattern"
      defaultValue={DEFAULT_ID_PATTERN}
      validate={validateIdPatternField}
      helperText="Regular expression every participant ID of this study must match."
      sx={{ '& input': { fontFamily: 'monospace' } }}
    />
    <BooleanInput
      source="requireAccessCode"
      label="Require access code"
      defaultValue={false}
      helperText="Participants then need their ID and a personal access code to log in."
    />
    <StudyConfigInputs />
  </>
);
