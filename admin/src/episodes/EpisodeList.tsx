import {
  AutocompleteInput,
  BooleanField,
  DataTable,
  FilterButton,
  FunctionField,
  List,
  NullableBooleanInput,
  NumberField,
  Pagination,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  TextInput,
  TopToolbar,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { BulkRenderButton } from '../renders';
import { type Episode, ResourceName } from '../types';
import { EPISODE_STATUS_CHOICES, GAME_CHOICES, durationText, verificationText } from './choices';

/** Every filter the API takes (`EPISODE_LIST` in src/modules/sessions/sessions.service.ts). */
const episodeFilters = [
  <ReferenceInput
    key="studyId"
    source="studyId"
    reference={ResourceName.Studies}
    sort={{ field: 'name', order: 'ASC' }}
    alwaysOn
  >
    <AutocompleteInput label="Study" optionText="name" />
  </ReferenceInput>,
  <SelectInput key="game" source="game" label="Game" choices={GAME_CHOICES} alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={EPISODE_STATUS_CHOICES} />,
  <NullableBooleanInput key="practice" source="practice" label="Practice" />,
  <NullableBooleanInput key="verified" source="verified" label="Verified (Atari)" />,
  <TextInput key="sessionId" source="sessionId" label="Session id" />,
];

const EpisodeListActions = () => (
  <TopToolbar>
    <FilterButton />
  </TopToolbar>
);

export const EPISODE_PAGE_SIZES = [10, 25, 50, 100];

export const EpisodeList = () => (
  <List<Episode>
    filters={episodeFilters}
    actions={<EpisodeListActions />}
    sort={{ field: 'startedAt', order: 'DESC' }}
    pagination={<Pagination rowsPerPageOptions={EPISODE_PAGE_SIZES} />}
  >
    <DataTable<Episode> rowClick="show" bulkActionButtons={<BulkRenderButton />}>
      <DataTable.Col source="startedAt" label="Started" field={DateTimeField} />
      <DataTable.Col source="studyId" label="Study" disableSort>
        <ReferenceField source="studyId" reference={ResourceName.Studies} link={false} />
      </DataTable.Col>
      <DataTable.Col source="game" label="Game">
        <SelectField source="game" choices={GAME_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="index" label="Episode">
        <FunctionField<Episode>
          render={(e) => `${e.index + 1}${e.round !== null ? ` (round ${e.round})` : ''}`}
        />
      </DataTable.Col>
      <DataTable.Col source="practice" label="Practice" disableSort>
        <BooleanField source="practice" />
      </DataTable.Col>
      <DataTable.Col source="status" label="Status">
        <SelectField source="status" choices={EPISODE_STATUS_CHOICES} />
      </DataTable.Col>
      <DataTable.Col source="outcome" label="Outcome" disableSort />
      <DataTable.Col source="steps" label="Steps / frames" align="right">
        <NumberField source="steps" />
      </DataTable.Col>
      <DataTable.Col source="score" label="Score" align="right">
        <NumberField source="score" />
      </DataTable.Col>
      <DataTable.Col source="endedAt" label="Length" align="right">
        <FunctionField<Episode> render={(e) => durationText(e.startedAt, e.endedAt)} />
      </DataTable.Col>
      <DataTable.Col source="verified" label="Verified" disableSort>
        <FunctionField<Episode> render={(e) => verificationText(e)} />
      </DataTable.Col>
    </DataTable>
  </List>
);
