import { Typography } from '@mui/material';
import { Pagination, ReferenceManyField, useRecordContext } from 'react-admin';

import { SessionTable } from '../sessions/SessionTable';
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
      <SessionTable showStudy={false} empty={<NoSessions />} />
    </ReferenceManyField>
  );
};
