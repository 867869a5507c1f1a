import { Stack, Typography } from '@mui/material';
import { ReferenceField, TextField, useRecordContext } from 'react-admin';

import { ResourceName, type Session } from '../types';

const ROLES = [
  { source: 'teacherId', name: 'Teacher' },
  { source: 'wizardId', name: 'Wizard' },
  { source: 'demonstratorId', name: 'Demonstrator' },
] as const;

/** The session's teacher and wizard, or its demonstrator, linked to their pages. */
export function SessionParticipants() {
  const session = useRecordContext<Session>();
  if (!session) return null;
  const present = ROLES.filter((role) => session[role.source]);
  if (present.length === 0) return <Typography variant="body2">—</Typography>;
  return (
    <Stack direction="row" spacing={2}>
      {present.map((role) => (
        <Stack key={role.source} direction="row" spacing={0.5} sx={{ alignItems: 'baseline' }}>
          <Typography variant="body2" color="text.secondary">
            {role.name}
          </Typography>
          <ReferenceField source={role.source} reference={ResourceName.Participants} link="show">
            <TextField source="participantId" />
          </ReferenceField>
        </Stack>
      ))}
    </Stack>
  );
}
