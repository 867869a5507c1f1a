import PeopleIcon from '@mui/icons-material/People';

import type { Participant } from '../types';
import { ParticipantCreate } from './ParticipantCreate';
import { ParticipantEdit } from './ParticipantEdit';
import { ParticipantList } from './ParticipantList';
import { ParticipantShow } from './ParticipantShow';

export default {
  list: ParticipantList,
  show: ParticipantShow,
  edit: ParticipantEdit,
  create: ParticipantCreate,
  icon: PeopleIcon,
  recordRepresentation: (record: Participant) => record.participantId,
};
