import {
  AutocompleteInput,
  FilterButton,
  List,
  ReferenceInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { studyFilter } from '../common/filters';
import { BulkExportButton } from '../exports';
import { ResourceName, type Session } from '../types';
import { SESSION_KIND_CHOICES, SESSION_STATUS_CHOICES } from './choices';
import { SessionTable } from './SessionTable';

const sessionFilters = [
  studyFilter,
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
    <SessionTable bulkActionButtons={<BulkExportButton />} />
  </List>
);
