import { FunctionField, type FunctionFieldProps } from 'react-admin';

import type { Rom } from '../types';
import { profileName } from './profiles';
import { formatRomSize } from './romFile';

type FieldProps = Omit<FunctionFieldProps<Rom>, 'render'>;

/** The game profile's name (its id when the admin does not know it). */
export const ProfileField = (props: FieldProps) => (
  <FunctionField<Rom> source="profileId" render={(rom) => profileName(rom.profileId)} {...props} />
);

/** `4 KiB (4,096 bytes)`. */
export const RomSizeField = (props: FieldProps) => (
  <FunctionField<Rom> source="size" render={(rom) => formatRomSize(rom.size)} {...props} />
);
