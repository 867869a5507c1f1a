import {
  DeleteButton,
  Edit,
  Labeled,
  maxLength,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  Toolbar,
  useRecordContext,
} from 'react-admin';

import { toRomUpdate } from '../dataProvider/roms';
import type { Rom } from '../types';
import { PROFILE_CHOICES } from './profiles';

const RomTitle = () => {
  const record = useRecordContext<Rom>();
  return <>{record ? `Edit ${record.name}` : 'Edit ROM'}</>;
};

const RomEditToolbar = () => (
  <Toolbar sx={{ justifyContent: 'space-between' }}>
    <SaveButton />
    <DeleteButton
      mutationMode="pessimistic"
      confirmTitle="Delete this ROM?"
      confirmContent="Its file is deleted from storage. A ROM that a study uses cannot be deleted."
    />
  </Toolbar>
);

const validateName = [required(), maxLength(200)];
const validateProfile = [required()];

export const RomEdit = () => (
  // Pessimistic, so that the server's field errors land on the inputs.
  <Edit<Rom>
    title={<RomTitle />}
    mutationMode="pessimistic"
    redirect="show"
    transform={toRomUpdate}
  >
    <SimpleForm noValidate sx={{ maxWidth: 560 }} toolbar={<RomEditToolbar />}>
      <Labeled label="MD5">
        <TextField source="md5" sx={{ fontFamily: 'monospace' }} />
      </Labeled>
      <TextInput source="name" label="Name" validate={validateName} />
      <SelectInput
        source="profileId"
        label="Game profile"
        choices={PROFILE_CHOICES}
        validate={validateProfile}
        helperText="Where score, lives and game over are read from RAM: studies that use this ROM follow the change"
      />
    </SimpleForm>
  </Edit>
);
