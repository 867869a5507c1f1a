import { Divider, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import {
  BooleanField,
  FunctionField,
  Labeled,
  NumberField,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';

import { DateTimeField } from '../common/dates';
import { SessionParticipants } from '../sessions/SessionParticipants';
import { sessionSummary } from '../sessions/choices';
import { EpisodeRenders, RenderButton } from '../renders';
import { type Episode, ResourceName, type Session } from '../types';
import { EPISODE_STATUS_CHOICES, durationText, gameName, verificationText } from './choices';
import { EpisodeDownloads } from './EpisodeDownloads';
import { EpisodeReplay } from './EpisodeReplay';
import { isRobotaxi } from './replayData';
import { SessionTracks } from './SessionTracks';

const EpisodeTitle = () => {
  const e = useRecordContext<Episode>();
  return <>{e ? `${gameName(e.game)} episode ${e.index + 1}` : 'Episode'}</>;
};

const EpisodeRenderButton = () => {
  const e = useRecordContext<Episode>();
  return e ? <RenderButton episodeId={e.id} disabled={e.status === 'running'} /> : null;
};

const Renders = () => {
  const e = useRecordContext<Episode>();
  return e ? <EpisodeRenders episodeId={e.id} /> : null;
};

const EpisodeShowActions = () => (
  <TopToolbar>
    <EpisodeRenderButton />
    <EpisodeDownloads />
  </TopToolbar>
);

const AtariOnly = ({ children }: { children: ReactNode }) => {
  const e = useRecordContext<Episode>();
  return e && !isRobotaxi(e) ? <>{children}</> : null;
};

const Tracks = () => {
  const e = useRecordContext<Episode>();
  return <SessionTracks sessionId={e?.sessionId} />;
};

export const EpisodeShow = () => (
  <Show<Episode> title={<EpisodeTitle />} actions={<EpisodeShowActions />}>
    <SimpleShowLayout
      direction="row"
      useFlexGap
      spacing={3}
      sx={{ '& .RaSimpleShowLayout-stack': { flexWrap: 'wrap' } }}
    >
      <ReferenceField source="studyId" reference={ResourceName.Studies} label="Study" link="show" />
      <ReferenceField
        source="sessionId"
        reference={ResourceName.Sessions}
        label="Session"
        link="show"
      >
        <FunctionField<Session> render={(s) => sessionSummary(s)} />
      </ReferenceField>
      <ReferenceField
        source="sessionId"
        reference={ResourceName.Sessions}
        label="Participants"
        link={false}
      >
        <SessionParticipants />
      </ReferenceField>
      <FunctionField<Episode> label="Game" render={(e) => gameName(e.game)} />
      <FunctionField<Episode>
        label="Episode"
        render={(e) => `${e.index + 1}${e.round !== null ? `, round ${e.round}` : ''}`}
      />
      <BooleanField source="practice" label="Practice" />
      <SelectField source="status" label="Status" choices={EPISODE_STATUS_CHOICES} />
      <TextField source="outcome" label="Outcome" emptyText="—" />
      <FunctionField<Episode>
        label={'Steps / frames'}
        render={(e) => `${e.steps} ${isRobotaxi(e) ? 'steps' : 'frames'}`}
      />
      <NumberField source="score" label="Score" />
      <DateTimeField source="startedAt" label="Started" />
      <DateTimeField source="endedAt" label="Ended" />
      <FunctionField<Episode> label="Length" render={(e) => durationText(e.startedAt, e.endedAt)} />
      <AtariOnly>
        <Labeled label="Verified">
          <FunctionField<Episode> render={(e) => verificationText(e)} />
        </Labeled>
      </AtariOnly>
      <AtariOnly>
        <Labeled label="Seed">
          <NumberField source="seed" />
        </Labeled>
      </AtariOnly>
      <AtariOnly>
        <Labeled label="ROM MD5">
          <TextField source="romMd5" sx={{ fontFamily: 'monospace' }} />
        </Labeled>
      </AtariOnly>
    </SimpleShowLayout>
    <Divider />
    <SimpleShowLayout>
      <Typography variant="h6">Replay</Typography>
      <EpisodeReplay />
      <Typography variant="h6">Audio tracks of the session</Typography>
      <Tracks />
      <Typography variant="h6">Videos</Typography>
      <Renders />
    </SimpleShowLayout>
  </Show>
);
