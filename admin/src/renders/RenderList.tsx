import {
  DataTable,
  FilterButton,
  List,
  ReferenceField,
  SelectInput,
  TextInput,
  TopToolbar,
  useListContext,
} from 'react-admin';

import { studyFilter } from '../common/filters';
import { DateTimeField } from '../common/dates';
import { RealtimeIndicator } from '../realtime';
import { ResourceName } from '../types';
import { RenderActionsField } from './RenderActions';
import { RenderErrorField } from './RenderError';
import { RenderFileField, RenderOptionsField } from './RenderFields';
import { RenderProgressField } from './RenderProgress';
import { RenderStatusField } from './RenderStatusChip';
import { type Render, STATUS_CHOICES } from './types';
import { useLiveRenders } from './useLiveRenders';

const renderFilters = [
  studyFilter,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />,
  <TextInput key="episodeId" source="episodeId" label="Episode ID" />,
];

const RenderListActions = () => (
  <TopToolbar sx={{ alignItems: 'center' }}>
    <RealtimeIndicator />
    <FilterButton />
  </TopToolbar>
);

/** Subscribes to the studies of the rows shown (one may be newer than the live connection). */
const LiveRows = () => {
  const { data } = useListContext<Render>();
  useLiveRenders(data?.map((r) => r.studyId) ?? []);
  return null;
};

/** Every render the researcher may see; progress, status and errors update live. */
export const RenderList = () => (
  <List<Render>
    filters={renderFilters}
    actions={<RenderListActions />}
    sort={{ field: 'createdAt', order: 'DESC' }}
    perPage={25}
  >
    <LiveRows />
    <DataTable<Render> rowClick="show" bulkActionButtons={false}>
      <DataTable.Col source="createdAt" label="Requested" field={DateTimeField} />
      <DataTable.Col source="studyId" label="Study" disableSort>
        <ReferenceField source="studyId" reference={ResourceName.Studies} link="show" />
      </DataTable.Col>
      <DataTable.Col source="episodeId" label="Episode" disableSort>
        <ReferenceField source="episodeId" reference="episodes" link="show" />
      </DataTable.Col>
      <DataTable.Col source="status" label="Status">
        <RenderStatusField />
      </DataTable.Col>
      <DataTable.Col label="Progress" disableSort>
        <RenderProgressField />
      </DataTable.Col>
      <DataTable.Col label="Video" disableSort>
        <RenderOptionsField />
      </DataTable.Col>
      <DataTable.Col source="durationMs" label="Length">
        <RenderFileField />
      </DataTable.Col>
      <DataTable.Col label="Error" disableSort>
        <RenderErrorField />
      </DataTable.Col>
      <DataTable.Col label="Actions" disableSort>
        <RenderActionsField compact />
      </DataTable.Col>
    </DataTable>
  </List>
);
