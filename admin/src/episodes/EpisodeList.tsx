import {
  AutocompleteInput,
  BooleanField,
  DataTable,
  DateInput,
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
  useListFilterContext,
} from 'react-admin';

import { studyFilter } from '../common/filters';
import { DateTimeField } from '../common/dates';
import { BulkExportButton } from '../exports';
import { BulkRenderButton } from '../renders';
import { type Episode, type Participant, ResourceName } from '../types';
import { EPISODE_STATUS_CHOICES, GAME_CHOICES, durationText, verificationText } from './choices';
import { endOfLocalDay, startOfLocalDay } from './dayBounds';

/**
 * A participant (the API filters by the participant row id: the sessions they played as teacher,
 * wizard or demonstrator). IDs like T0001 repeat across studies: once a study is chosen, only its
 * participants are offered.
 */
const ParticipantFilterInput = (props: { source: string; alwaysOn?: boolean }) => {
  const filterValues = useListFilterContext().filterValues as { studyId?: string };
  const studyId = filterValues.studyId;
  return (
    <ReferenceInput
      {...props}
      reference={ResourceName.Participants}
      filter={studyId ? { studyId } : {}}
      sort={{ field: 'participantId', order: 'ASC' }}
    >
      <AutocompleteInput
        label="Participant"
        optionText={(p: Participant) => `${p.participantId} (${p.role})`}
        filterToQuery={(q: string) => ({ q })}
      />
    </ReferenceInput>
  );
};

/** Every filter the API takes (`EPISODE_LIST` in src/modules/sessions/sessions.service.ts). */
const episodeFilters = [
  studyFilter,
  <SelectInput key="game" source="game" label="Game" choices={GAME_CHOICES} alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={EPISODE_STATUS_CHOICES} />,
  <NullableBooleanInput key="practice" source="practice" label="Practice" />,
  <NullableBooleanInput key="verified" source="verified" label="Verified (Atari)" />,
  <ParticipantFilterInput key="participantId" source="participantId" alwaysOn />,
  <DateInput
    key="startedAt_gte"
    source="startedAt_gte"
    label="Started from"
    parse={startOfLocalDay}
  />,
  <DateInput
    key="startedAt_lte"
    source="startedAt_lte"
    label="Started until"
    parse={endOfLocalDay}
  />,
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
    <DataTable<Episode>
      rowClick="show"
      bulkActionButtons={
        <>
          <BulkRenderButton />
          <BulkExportButton of={ResourceName.Episodes} />
        </>
      }
    >
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
