import GroupsIcon from '@mui/icons-material/Groups';

import type { Session } from '../types';
import { SessionList } from './SessionList';
import { SessionShow } from './SessionShow';

export default {
  list: SessionList,
  show: SessionShow,
  icon: GroupsIcon,
  recordRepresentation: (record: Session) => new Date(record.createdAt).toLocaleString(),
};
