import type { ReactElement, ReactNode } from 'react';
import { DataTable, ReferenceField, SelectField } from 'react-admin';

import { DateTimeField } from '../common/dates';
import { ResourceName, type Session } from '../types';
import { SESSION_KIND_CHOICES, SESSION_STATUS_CHOICES } from './choices';
import { SessionParticipants } from './SessionParticipants';

/**
 * Sessions as a table in the list context around it: the sessions list, or one participant's
 * sessions on their page (which leaves the study out: it is the participant's).
 */
export const SessionTable = ({
  showStudy = true,
  bulkActionButtons = false,
  empty,
}: {
  showStudy?: boolean;
  bulkActionButtons?: ReactElement | false;
  empty?: ReactNode;
}) => (
  <DataTable<Session> rowClick="show" bulkActionButtons={bulkActionButtons} empty={empty}>
    <DataTable.Col source="createdAt" label="Created" field={DateTimeField} />
    {showStudy && (
      <DataTable.Col source="studyId" label="Study" disableSort>
        <ReferenceField source="studyId" reference={ResourceName.Studies} link={false} />
      </DataTable.Col>
    )}
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
);
