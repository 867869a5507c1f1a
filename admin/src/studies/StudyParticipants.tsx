import { Typography } from '@mui/material';
import {
  DataTable,
  Pagination,
  ReferenceManyField,
  SelectField,
  useRecordContext,
} from 'react-admin';

import { CopyButton } from '../common/CopyButton';
import { DateTimeField } from '../common/dates';
import { ROLE_CHOICES, STATUS_CHOICES } from '../participants/choices';
import { ResourceName, type Participant, type Study } from '../types';

/** The participant's personal invite link, copied with one click (the row click opens them). */
const InviteLinkCopy = () => {
  const participant = useRecordContext<Participant>();
  if (!participant?.inviteUrl) return null;
  return (
    <span onClick={(event) => event.stopPropagation()}>
      <CopyButton
        value={participant.inviteUrl}
        label={`Copy ${participant.participantId}'s invite link`}
      />
    </span>
  );
};

const NoParticipants = () => (
  <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
    No participants yet: register a range of IDs or import a CSV.
  </Typography>
);

/** The participants of the study in context (`GET /api/participants?filter={"studyId":…}`). */
export const StudyParticipants = () => {
  const study = useRecordContext<Study>();
  if (!study) return null;
  return (
    <ReferenceManyField<Study, Participant>
      reference={ResourceName.Participants}
      target="studyId"
      sort={{ field: 'participantId', order: 'ASC' }}
      perPage={25}
      pagination={<Pagination rowsPerPageOptions={[25, 50, 100]} />}
    >
      <DataTable<Participant> rowClick="show" bulkActionButtons={false} empty={<NoParticipants />}>
        <DataTable.Col
          source="participantId"
          label="Participant ID"
          sx={{ fontFamily: 'monospace' }}
        />
        <DataTable.Col source="role" label="Role">
          <SelectField source="role" choices={ROLE_CHOICES} />
        </DataTable.Col>
        <DataTable.Col source="status" label="Status">
          <SelectField source="status" choices={STATUS_CHOICES} />
        </DataTable.Col>
        <DataTable.Col source="inviteUrl" label="Invite link" disableSort>
          <InviteLinkCopy />
        </DataTable.Col>
        <DataTable.Col source="externalId" label="External ID" />
        <DataTable.Col source="lastLoginAt" label="Last login" field={DateTimeField} />
      </DataTable>
    </ReferenceManyField>
  );
};
