import MovieIcon from '@mui/icons-material/Movie';

import type { Episode } from '../types';
import { gameName } from './choices';
import { EpisodeList } from './EpisodeList';
import { EpisodeShow } from './EpisodeShow';

export default {
  list: EpisodeList,
  show: EpisodeShow,
  icon: MovieIcon,
  recordRepresentation: (record: Episode) => `${gameName(record.game)} episode ${record.index + 1}`,
};
