import {
  DeleteButton,
  EditButton,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import type { Rom } from '../types';
import { DownloadRomButton } from './DownloadRomButton';
import { ProfileField, RomSizeField } from './RomFields';
import { RomStudies } from './RomStudies';

const RomTitle = () => {
  const record = useRecordContext<Rom>();
  return <>{record ? `ROM ${record.name}` : 'ROM'}</>;
};

const RomShowActions = () => (
  <TopToolbar>
    <EditButton />
    <DownloadRomButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle="Delete this ROM?"
      confirmContent="Its file is deleted from storage. A ROM that a study uses cannot be deleted."
    />
  </TopToolbar>
);

export const RomShow = () => (
  <Show<Rom> title={<RomTitle />} actions={<RomShowActions />}>
    <SimpleShowLayout>
      <TextField source="name" label="Name" />
      <ProfileField label="Game profile" />
      <TextField source="md5" label="MD5" sx={{ fontFamily: 'monospace' }} />
      <TextField source="sha1" label="SHA-1" sx={{ fontFamily: 'monospace' }} />
      <RomSizeField label="Size" />
      <Labeled label="Used by">
        <RomStudies />
      </Labeled>
      <DateTimeField source="createdAt" label="Uploaded" />
      <DateTimeField source="updatedAt" label="Last changed" />
    </SimpleShowLayout>
  </Show>
);
