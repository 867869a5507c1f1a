import {
  Edit,
  Labeled,
  ReferenceField,
  required,
  SelectField,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useRecordContext,
} from 'react-admin';
import { Stack } from '@mui/material';

import { ResourceName, type Participant, type ParticipantStatus } from '../types';
import { ROLE_CHOICES, STATUS_CHOICES } from './choices';

/** `PUT /api/participants/:id` body: only status and external ID are editable. */
export const toParticipantUpdate = (values: Partial<Participant>) => ({
  status: values.status as ParticipantStatus,
  externalId: values.externalId?.trim() || null,
});

const ParticipantTitle = () => {
  const record = useRecordContext<Participant>();
  return <>{record ? `Edit participant ${record.participantId}` : 'Edit participant'}</>;
};

export const ParticipantEdit = () => (
  <Edit<Participant>
    title={<ParticipantTitle />}
    mutationMode="pessimistic"
    redirect="show"
    transform={toParticipantUpdate}
  >
    <SimpleForm noValidate sx={{ maxWidth: 560 }}>
      <Stack direction="row" spacing={4} sx={{ mb: 2 }}>
        <Labeled label="Participant ID">
          <TextField source="participantId" sx={{ fontFamily: 'monospace' }} />
        </Labeled>
        <Labeled label="Study">
          <ReferenceField source="studyId" reference={ResourceName.Studies} link="show" />
        </Labeled>
        <Labeled label="Role">
          <SelectField source="role" choices={ROLE_CHOICES} />
        </Labeled>
      </Stack>
      <SelectInput source="status" label="Status" choices={STATUS_CHOICES} validate={required()} />
      <TextInput
        source="externalId"
        label="External ID"
        helperText="Optional, e.g. the participant's Prolific PID."
      />
    </SimpleForm>
  </Edit>
);
