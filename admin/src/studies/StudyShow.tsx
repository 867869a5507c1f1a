import PersonAddIcon from '@mui/icons-material/PersonAdd';
import PrintIcon from '@mui/icons-material/Print';
import { Link } from 'react-router-dom';
import {
  BooleanField,
  Button,
  CreateButton,
  EditButton,
  Labeled,
  NumberField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useBasename,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { StudyExportZipButton } from '../exports';
import { RegisterParticipantsButton } from '../participants/RegisterParticipantsButton';
import { ResourceName, type Study } from '../types';
import { ExportCsvButton } from './ExportCsvButton';
import { ImportCsvButton } from './ImportCsvButton';
import { inviteSheetPath } from './inviteSheet';
import { StudyLoginUrl } from './StudyLoginUrl';
import { StudyMembers } from './StudyMembers';
import { StudyParticipants } from './StudyParticipants';
import { StudySettingsFields } from './StudySettingsFields';
import { KIND_CHOICES } from './studyConfig';

const StudyTitle = () => {
  const record = useRecordContext<Study>();
  return <>{record ? record.name : 'Study'}</>;
};

const StudyShowActions = () => {
  const record = useRecordContext<Study>();
  // The custom route is nested under the admin's basename, like the menu's custom pages.
  const basename = useBasename();
  return (
    // Wraps rather than pushing the export's progress and Cancel past the right edge.
    <TopToolbar sx={{ flexWrap: 'wrap', rowGap: 1 }}>
      <EditButton />
      <RegisterParticipantsButton studyId={record?.id} />
      <CreateButton
        resource={ResourceName.Participants}
        label="Add participant"
        icon={<PersonAddIcon />}
        state={{ record: { studyId: record?.id } }}
        disabled={!record}
      />
      <ImportCsvButton />
      <ExportCsvButton />
      <StudyExportZipButton />
      <Button
        component={Link}
        to={record ? `${basename}${inviteSheetPath(record.id)}` : '#'}
        disabled={!record}
        label="Invite sheet"
      >
        <PrintIcon />
      </Button>
    </TopToolbar>
  );
};

export const StudyShow = () => (
  <Show<Study> title={<StudyTitle />} actions={<StudyShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" label="Name" />
      <TextField source="slug" label="Slug" sx={{ fontFamily: 'monospace' }} />
      <SelectField source="kind" label="Kind" choices={KIND_CHOICES} />
      <Labeled label="Participant login URL">
        <StudyLoginUrl />
      </Labeled>
      <TextField source="idPattern" label="ID pattern" sx={{ fontFamily: 'monospace' }} />
      <BooleanField source="requireAccessCode" label="Require access code" />
      <NumberField source="participantCount" label="Participant count" />
      <Labeled label="Settings">
        <StudySettingsFields />
      </Labeled>
      <DateTimeField source="updatedAt" label="Last changed" />
      <Labeled label="Researchers with access">
        <StudyMembers />
      </Labeled>
      <Labeled label="Participants">
        <StudyParticipants />
      </Labeled>
    </SimpleShowLayout>
  </Show>
);
