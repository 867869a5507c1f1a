import {
  Create,
  FileField,
  FileInput,
  maxLength,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
} from 'react-admin';

import type { UploadedRom } from '../dataProvider/roms';
import { ResourceName } from '../types';
import { PROFILE_CHOICES } from './profiles';
import { validateRomFile } from './romFile';

const validateFile = [required('Choose the ROM file'), validateRomFile];
const validateName = [maxLength(200)];

/**
 * Upload: the file's bytes go to `POST /api/roms` as they are (see `dataProvider/roms.ts`). The
 * same ROM again opens the one already in the library.
 */
export const RomCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (rom: UploadedRom) => {
    if (rom.alreadyInLibrary)
      notify(`This ROM is already in the library as "${rom.name}"`, { type: 'info' });
    else notify(`ROM "${rom.name}" added`, { type: 'success' });
    redirect('show', ResourceName.Roms, rom.id);
  };
  return (
    <Create title="Upload a ROM" mutationOptions={{ onSuccess }}>
      <SimpleForm noValidate sx={{ maxWidth: 560 }}>
        <FileInput
          source="file"
          label="ROM file"
          validate={validateFile}
          placeholder={
            <p>Drop an Atari 2600 ROM (.bin, .a26; 2–64 KiB) here, or click to choose</p>
          }
        >
          <FileField source="src" title="title" />
        </FileInput>
        <TextInput
          source="name"
          label="Name"
          validate={validateName}
          helperText="Optional: the game profile's name if left empty"
        />
        <SelectInput
          source="profileId"
          label="Game profile"
          choices={PROFILE_CHOICES}
          emptyText="Recognise by MD5"
          helperText="Leave empty for the ROMs the built-in profiles know by MD5; choose one for any other dump"
        />
      </SimpleForm>
    </Create>
  );
};
