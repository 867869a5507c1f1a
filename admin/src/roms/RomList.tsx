import {
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  SearchInput,
  SelectInput,
  TopToolbar,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import type { Rom } from '../types';
import { PROFILE_CHOICES } from './profiles';
import { ProfileField, RomSizeField } from './RomFields';

const romFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Name or MD5" />,
  <SelectInput key="profileId" source="profileId" label="Game profile" choices={PROFILE_CHOICES} />,
];

const RomListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="Upload" />
    <ExportButton />
  </TopToolbar>
);

export const RomList = () => (
  <List<Rom>
    title="ROMs"
    filters={romFilters}
    actions={<RomListActions />}
    sort={{ field: 'name', order: 'ASC' }}
  >
    <DataTable<Rom> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="name" label="Name" />
      <DataTable.Col source="profileId" label="Game profile">
        <ProfileField />
      </DataTable.Col>
      <DataTable.Col source="md5" label="MD5" sx={{ fontFamily: 'monospace' }} />
      <DataTable.Col source="size" label="Size" align="right">
        <RomSizeField />
      </DataTable.Col>
      <DataTable.Col source="createdAt" label="Uploaded" field={DateTimeField} />
    </DataTable>
  </List>
);
