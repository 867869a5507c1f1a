import ScienceIcon from '@mui/icons-material/Science';

import type { Study } from '../types';
import { StudyCreate } from './StudyCreate';
import { StudyEdit } from './StudyEdit';
import { StudyList } from './StudyList';
import { StudyShow } from './StudyShow';

export default {
  list: StudyList,
  show: StudyShow,
  edit: StudyEdit,
  create: StudyCreate,
  icon: ScienceIcon,
  recordRepresentation: (record: Study) => record.name,
};
