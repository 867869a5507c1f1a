import { Typography } from '@mui/material';
import {
  DataTable,
  Pagination,
  ReferenceManyField,
  SelectField,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { SessionParticipants } from '../sessions/SessionParticipants';
import { SESSION_KIND_CHOICES, SESSION_STATUS_CHOICES } from '../sessions/choices';
import { ResourceName, type Participant, type Session } from '../types';

const NoSessions = () => (
  <Typography variant="body2" color="text.secondary" sx={{ py: 2 }}>
    No sessions yet.
  </Typography>
);

/**
 * The sessions the participant in context took part in, in any role, newest first
 * (`GET /api/sessions?filter={"participantId":…}`).
 */
export const ParticipantSessions = () => {
  const participant = useRecordContext<Participant>();
  if (!participant) return null;
  return (
    <ReferenceManyField<Participant, Session>
      reference={ResourceName.Sessions}
      target="participantId"
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={10}
      pagination={<Pagination rowsPerPageOptions={[10, 25, 50]} />}
    >
      <DataTable<Session> rowClick="show" bulkActionButtons={false} empty={<NoSessions />}>
        <DataTable.Col source="createdAt" label="Created" field={DateTimeField} />
        <DataTable.Col source="kind" label="Kind" disableSort>
          <SelectField source="kind" choices={SESSION_KIND_CHOICES} />
        </DataTable.Col>
        <DataTable.Col label="Participants" disableSort>
          <SessionParticipants />
        </DataTable.Col>
        <DataTable.Col source="status" label="Status">
          <SelectField source="status" choices={SESSION_STATUS_CHOICES} />
        </DataTable.Col>
        <DataTable.Col source="startedAt" label="Started" field={DateTimeField} />
        <DataTable.Col source="endedAt" label="Ended" field={DateTimeField} />
      </DataTable>
    </ReferenceManyField>
  );
};
