import {
  AutocompleteInput,
  Create,
  FormDataConsumer,
  ReferenceInput,
  required,
  SimpleForm,
  TextInput,
  type Identifier,
} from 'react-admin';

import { ResourceName } from '../types';
import { ParticipantIdInput } from './ParticipantIdInput';

interface ParticipantCreateValues {
  studyId?: Identifier | null;
  participantId?: string | null;
  externalId?: string | null;
}

/** `POST /api/participants` body; the server derives the role and makes the codes. */
export const toParticipantCreate = (values: ParticipantCreateValues) => ({
  studyId: values.studyId,
  participantId: (values.participantId ?? '').trim(),
  ...(values.externalId?.trim() ? { externalId: values.externalId.trim() } : {}),
});

const validateStudy = [required()];

export const ParticipantCreate = () => (
  <Create title="New participant" redirect="show" transform={toParticipantCreate}>
    <SimpleForm noValidate sx={{ maxWidth: 560 }}>
      <ReferenceInput
        source="studyId"
        reference={ResourceName.Studies}
        sort={{ field: 'name', order: 'ASC' }}
      >
        <AutocompleteInput label="Study" optionText="name" validate={validateStudy} />
      </ReferenceInput>
      <FormDataConsumer<ParticipantCreateValues>>
        {({ formData }) => (
          <ParticipantIdInput studyId={formData.studyId} value={formData.participantId} />
        )}
      </FormDataConsumer>
      <TextInput
        source="externalId"
        label="External ID"
        helperText="Optional, e.g. the participant's Prolific PID."
      />
    </SimpleForm>
  </Create>
);
