import VideoLibraryIcon from '@mui/icons-material/VideoLibrary';

import { RenderList } from './RenderList';
import { RenderShow } from './RenderShow';
import type { Render } from './types';

export { BulkRenderButton } from './BulkRenderButton';
export { EpisodeRenders } from './EpisodeRenders';
export { RenderButton, RenderOptionsDialog } from './RenderButton';
export { RenderProgressBar } from './RenderProgress';
export { useLiveRenders } from './useLiveRenders';
export { RENDERS, type Render } from './types';

export default {
  list: RenderList,
  show: RenderShow,
  icon: VideoLibraryIcon,
  recordRepresentation: (record: Render) =>
    `${record.id.slice(0, 8)} (${record.options.width}x${record.options.height}, ${record.options.fps} fps)`,
  options: { label: 'Renders' },
};
