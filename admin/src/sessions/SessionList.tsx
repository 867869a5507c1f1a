import {
  AutocompleteInput,
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { BulkExportButton } from '../exports';
import { ResourceName, type Session } from '../types';
import { SESSION_KIND_CHOICES, SESSION_STATUS_CHOICES } from './choices';
import { SessionParticipants } from './SessionParticipants';

const sessionFilters = [
  <ReferenceInput
    key="studyId"
    source="studyId"
    reference={ResourceName.Studies}
    sort={{ field: 'name', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput label="Study" optionText="name" />
  </ReferenceInput>,
  <ReferenceInput key="participantId" source="participantId" reference={ResourceName.Participants}>
    <AutocompleteInput label="Participant" optionText="participantId" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" label="Status" choices={SESSION_STATUS_CHOICES} />,
  <SelectInput key="kind" source="kind" label="Kind" choices={SESSION_KIND_CHOICES} />,
];

const SessionListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

export const SessionList = () => (
  <List<Session>
    filters={sessionFilters}
    actions={<SessionListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
  >
    <DataTable<Session> rowClick="show" bulkActionButtons={<BulkExportButton />}>
      <DataTable.Col source="createdAt" label="Created" field={DateTimeField} />
      <DataTable.Col source="studyId" label="Study" disableSort>
        <ReferenceField source="studyId" reference={ResourceName.Studies} link={false} />
      </DataTable.Col>
      <DataTable.Col source="kind" label="Kind" disableSort>
        <SelectField source="kind" choices={SESSION_KIND_CHOICES} />
      </DataTable.Col>
      <DataTable.Col label="Participants" disableSort>
        <SessionParticipants />
      </DataTable.Col>
      <DataTable.Col source="status" label="Status">
        <SelectField source="status" choices={SESSION_STATUS_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="phase" label="Phase" disableSort />
      <DataTable.Col source="startedAt" label="Started" field={DateTimeField} />
      <DataTable.Col source="endedAt" label="Ended" field={DateTimeField} />
    </DataTable>
  </List>
);
