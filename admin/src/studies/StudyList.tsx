import {
  BooleanField,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import type { Study } from '../types';
import { KIND_CHOICES } from './studyConfig';

const studyFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" label="Kind" choices={KIND_CHOICES} />,
];

const StudyListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton />
    <ExportButton />
  </TopToolbar>
);

export const StudyList = () => (
  <List<Study>
    filters={studyFilters}
    actions={<StudyListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
  >
    <DataTable<Study> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" label="Name" />
      <DataTable.Col source="slug" label="Slug" sx={{ fontFamily: 'monospace' }} />
      <DataTable.Col source="kind" label="Kind">
        <SelectField source="kind" choices={KIND_CHOICES} />
      </DataTable.Col>
      <DataTable.NumberCol source="participantCount" label="Participants" disableSort />
      <DataTable.Col source="requireAccessCode" label="Access code" field={BooleanField} />
      <DataTable.Col source="createdAt" label="Created" field={DateTimeField} />
    </DataTable>
  </List>
);
