import {
  EditButton,
  Labeled,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import { CopyableUrl } from '../common/CopyableUrl';
import { DateTimeField } from '../common/dates';
import { ResourceName, type Participant } from '../types';
import { ROLE_CHOICES, STATUS_CHOICES } from './choices';
import { ParticipantSessions } from './ParticipantSessions';
import { WithdrawParticipantButton } from './WithdrawParticipantButton';

const ParticipantTitle = () => {
  const record = useRecordContext<Participant>();
  return <>{record ? `Participant ${record.participantId}` : 'Participant'}</>;
};

const InviteUrl = () => {
  const record = useRecordContext<Participant>();
  return (
    <CopyableUrl
      url={record?.inviteUrl}
      copyLabel="Copy invite URL"
      emptyText="No invite link for this participant"
    />
  );
};

const ParticipantShowActions = () => (
  <TopToolbar>
    <EditButton />
    <WithdrawParticipantButton />
  </TopToolbar>
);

export const ParticipantShow = () => (
  <Show<Participant> title={<ParticipantTitle />} actions={<ParticipantShowActions />}>
    <SimpleShowLayout>
      <TextField source="participantId" label="Participant ID" sx={{ fontFamily: 'monospace' }} />
      <ReferenceField source="studyId" reference={ResourceName.Studies} label="Study" link="show" />
      <SelectField source="role" label="Role" choices={ROLE_CHOICES} />
      <SelectField source="status" label="Status" choices={STATUS_CHOICES} />
      <TextField source="externalId" label="External ID" emptyText="—" />
      <TextField
        source="accessCode"
        label="Access code"
        emptyText="—"
        sx={{ fontFamily: 'monospace' }}
      />
      <Labeled label="Invite URL">
        <InviteUrl />
      </Labeled>
      <DateTimeField source="consentedAt" label="Consented" />
      <DateTimeField source="lastLoginAt" label="Last login" />
      <DateTimeField source="createdAt" label="Registered" />
      <Labeled label="Sessions" fullWidth>
        <ParticipantSessions />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
