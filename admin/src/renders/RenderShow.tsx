import {
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { RealtimeIndicator } from '../realtime';
import { ResourceName } from '../types';
import { RenderActionsField } from './RenderActions';
import { RenderErrorField } from './RenderError';
import { RenderFileField, RenderOptionsField } from './RenderFields';
import { RenderProgressField } from './RenderProgress';
import { RenderStatusField } from './RenderStatusChip';
import type { Render } from './types';
import { useLiveRenders } from './useLiveRenders';

const Live = () => {
  const render = useRecordContext<Render>();
  useLiveRenders([render?.studyId]);
  return null;
};

const AudioTracks = (_props: { label?: string }) => {
  const render = useRecordContext<Render>();
  if (!render?.audioTracks?.length) return <span>—</span>;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {render.audioTracks.map((track) => (
        <li key={track.recordingId}>
          {track.label} at {(track.offsetMs / 1000).toFixed(3)} s
        </li>
      ))}
    </ul>
  );
};

/** One render: its progress (live), file, options, audio placement and error. */
export const RenderShow = () => (
  <Show<Render> actions={false}>
    <Live />
    <SimpleShowLayout>
      <RealtimeIndicator />
      <ReferenceField source="studyId" label="Study" reference={ResourceName.Studies} link="show" />
      <ReferenceField source="episodeId" label="Episode" reference="episodes" link="show" />
      <RenderStatusField label="Status" />
      <RenderProgressField label="Progress" />
      <RenderActionsField label="Actions" />
      <RenderOptionsField label="Video" />
      <RenderFileField label="Length and size" />
      <AudioTracks label="Audio tracks" />
      <RenderErrorField label="Error" />
      <NumberField source="attempts" />
      <DateTimeField source="createdAt" label="Requested" />
      <DateTimeField source="startedAt" label="Started" />
      <DateTimeField source="completedAt" label="Completed" />
      <TextField source="id" label="Render ID" sx={{ fontFamily: 'monospace' }} />
    </SimpleShowLayout>
  </Show>
);
