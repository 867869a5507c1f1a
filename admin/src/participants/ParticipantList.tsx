import BlockIcon from '@mui/icons-material/Block';
import {
  BulkDeleteButton,
  BulkExportButton,
  BulkUpdateButton,
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  SearchInput,
  SelectField,
  SelectInput,
  TopToolbar,
  useListContext,
} from 'react-admin';

import { studyFilter } from '../common/filters';
import { DateTimeField } from '../common/dates';
import { ResourceName, type Participant } from '../types';
import { ROLE_CHOICES, STATUS_CHOICES } from './choices';
import { participantExporter } from './exporter';
import { RegisterParticipantsButton } from './RegisterParticipantsButton';

const participantFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  studyFilter,
  <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} />,
];

const ParticipantListActions = () => {
  const filterValues: unknown = useListContext<Participant>().filterValues;
  const filteredStudy = (filterValues as { studyId?: unknown } | undefined)?.studyId;
  return (
    <TopToolbar>
      <FilterButton />
      <CreateButton />
      <RegisterParticipantsButton
        defaultStudyId={typeof filteredStudy === 'string' ? filteredStudy : undefined}
      />
      <ExportButton />
    </TopToolbar>
  );
};

const ParticipantBulkActions = () => (
  <>
    <BulkUpdateButton
      label="Withdraw"
      icon={<BlockIcon />}
      data={{ status: 'withdrawn' }}
      mutationMode="pessimistic"
      confirmTitle="Withdraw the selected participants?"
      confirmContent="They will no longer be able to log in. Their recordings are kept."
    />
    <BulkExportButton />
    <BulkDeleteButton mutationMode="pessimistic" />
  </>
);

export const ParticipantList = () => (
  <List<Participant>
    filters={participantFilters}
    actions={<ParticipantListActions />}
    sort={{ field: 'participantId', order: 'ASC' }}
    exporter={participantExporter}
    perPage={50}
  >
    <DataTable<Participant> rowClick="show" bulkActionButtons={<ParticipantBulkActions />}>
      <DataTable.Col
        source="participantId"
        label="Participant ID"
        sx={{ fontFamily: 'monospace' }}
      />
      <DataTable.Col source="studyId" label="Study">
        <ReferenceField source="studyId" reference={ResourceName.Studies} link="show" />
      </DataTable.Col>
      <DataTable.Col source="role" label="Role">
        <SelectField source="role" choices={ROLE_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="status" label="Status">
        <SelectField source="status" choices={STATUS_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="externalId" label="External ID" />
      <DataTable.Col source="lastLoginAt" label="Last login" field={DateTimeField} />
      <DataTable.Col source="createdAt" label="Registered" field={DateTimeField} />
    </DataTable>
  </List>
);
