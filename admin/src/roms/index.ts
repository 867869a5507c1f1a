import MemoryIcon from '@mui/icons-material/Memory';

import type { Rom } from '../types';
import { RomCreate } from './RomCreate';
import { RomEdit } from './RomEdit';
import { RomList } from './RomList';
import { RomShow } from './RomShow';

export default {
  list: RomList,
  show: RomShow,
  edit: RomEdit,
  create: RomCreate,
  icon: MemoryIcon,
  recordRepresentation: (record: Rom) => record.name,
  options: { label: 'ROMs' },
};
