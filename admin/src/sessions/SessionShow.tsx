import {
  DataTable,
  FunctionField,
  Labeled,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceManyField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { SessionExportZipButton } from '../exports';
import { EPISODE_STATUS_CHOICES, durationText, gameName } from '../episodes/choices';
import { SessionTracks } from '../episodes/SessionTracks';
import { type Episode, ResourceName, type Session } from '../types';
import { SESSION_KIND_CHOICES, SESSION_STATUS_CHOICES } from './choices';
import { SessionParticipants } from './SessionParticipants';

const SessionTitle = () => {
  const s = useRecordContext<Session>();
  return <>{s ? `Session of ${new Date(s.createdAt).toLocaleString()}` : 'Session'}</>;
};

const Tracks = () => {
  const s = useRecordContext<Session>();
  return <SessionTracks sessionId={s?.id} />;
};

const SessionShowActions = () => (
  <TopToolbar>
    <SessionExportZipButton />
  </TopToolbar>
);

export const SessionShow = () => (
  <Show<Session> title={<SessionTitle />} actions={<SessionShowActions />}>
    <SimpleShowLayout>
      <ReferenceField source="studyId" reference={ResourceName.Studies} label="Study" link="show" />
      <SelectField source="kind" label="Kind" choices={SESSION_KIND_CHOICES} />
      <Labeled label="Participants">
        <SessionParticipants />
      </Labeled>
      <SelectField source="status" label="Status" choices={SESSION_STATUS_CHOICES} />
      <TextField source="phase" label="Phase" emptyText="—" />
      <TextField source="pairing" label="Pairing" />
      <TextField source="abortReason" label="Why it ended early" emptyText="—" />
      <DateTimeField source="startedAt" label="Started" />
      <DateTimeField source="endedAt" label="Ended" />
      <Labeled label="Episodes" fullWidth>
        <ReferenceManyField
          reference={ResourceName.Episodes}
          target="sessionId"
          sort={{ field: 'index', order: 'ASC' }}
          perPage={100}
          pagination={<Pagination rowsPerPageOptions={[100]} />}
        >
          <DataTable<Episode> rowClick="show" bulkActionButtons={false}>
            <DataTable.Col source="index" label="Episode">
              <FunctionField<Episode>
                render={(e) => `${e.index + 1}${e.round !== null ? ` (round ${e.round})` : ''}`}
              />
            </DataTable.Col>
            <DataTable.Col source="game" label="Game">
              <FunctionField<Episode> render={(e) => gameName(e.game)} />
            </DataTable.Col>
            <DataTable.Col source="status" label="Status">
              <SelectField source="status" choices={EPISODE_STATUS_CHOICES} />
            </DataTable.Col>
            <DataTable.Col source="outcome" label="Outcome" />
            <DataTable.Col source="steps" label="Steps / frames" align="right">
              <NumberField source="steps" />
            </DataTable.Col>
            <DataTable.Col source="score" label="Score" align="right">
              <NumberField source="score" />
            </DataTable.Col>
            <DataTable.Col source="endedAt" label="Length" align="right">
              <FunctionField<Episode> render={(e) => durationText(e.startedAt, e.endedAt)} />
            </DataTable.Col>
          </DataTable>
        </ReferenceManyField>
      </Labeled>
      <Labeled label="Audio tracks" fullWidth>
        <Tracks />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
