import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { BooleanField, Labeled, NumberField } from 'react-admin';

import { PRACTICE_LEVEL } from '../../../src/games/robotaxi/maps';
import type { LevelJson, RobotaxiConfig } from '../types';
import { describeStart } from './levelText';
import { NUMERIC_SETTINGS, REWARD_SETTINGS, type NumericSetting } from './studyConfig';

const settings = NUMERIC_SETTINGS['woz-robotaxi'];

const Setting = ({ source, setting }: { source: string; setting: NumericSetting }) => (
  <Labeled label={setting.label}>
    <NumberField source={source} emptyText="—" />
  </Labeled>
);

const Flag = ({ source, label }: { source: string; label: string }) => (
  <Labeled label={label}>
    <BooleanField source={source} emptyText="—" />
  </Labeled>
);

const Group = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box>
    <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
      {title}
    </Typography>
    <Stack direction="row" spacing={4} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {children}
    </Stack>
  </Box>
);

const hasGrid = (level: LevelJson | undefined): level is LevelJson =>
  Array.isArray(level?.grid) && level.grid.length > 0;

/** A level as the researcher typed it: its grid in monospace, and how the rover starts. */
const LevelView = ({ label, level, note }: { label: string; level: LevelJson; note?: string }) => (
  <Box>
    <Typography variant="caption" color="text.secondary" component="div">
      {label}
    </Typography>
    <Box
      component="pre"
      sx={{ fontFamily: 'monospace', fontSize: '0.875rem', lineHeight: 1.25, m: 0 }}
    >
      {level.grid.join('\n')}
    </Box>
    <Typography variant="body2" color="text.secondary">
      {note ? `${note}. ` : ''}
      {describeStart(level)}.
    </Typography>
  </Box>
);

/**
 * A RoboTaxi study's settings, read-only, in the sections of the study forms. Partial: a study
 * saved before a setting existed lacks it until it is saved again.
 */
export const RobotaxiSettingsFields = ({ config }: { config: Partial<RobotaxiConfig> }) => {
  const questions = config.debriefQuestions ?? [];
  return (
    <Stack spacing={2}>
      <Group title="Game">
        <Setting source="config.rounds" setting={settings.rounds} />
        <Flag source="config.practiceRound" label="Practice round" />
        <Setting source="config.stepLimit" setting={settings.stepLimit} />
        <Setting source="config.nopMemory" setting={settings.nopMemory} />
      </Group>
      <Group title="Rewards">
        {(Object.keys(REWARD_SETTINGS) as (keyof typeof REWARD_SETTINGS)[]).map((key) => (
          <Setting key={key} source={`config.rewards.${key}`} setting={REWARD_SETTINGS[key]} />
        ))}
      </Group>
      <Group title="Timing">
        <Setting source="config.stepMs" setting={settings.stepMs} />
        <Setting source="config.bombCountdownMs" setting={settings.bombCountdownMs} />
        <Setting source="config.roundCountdownMs" setting={settings.roundCountdownMs} />
      </Group>
      <Group title="Levels">
        {hasGrid(config.practiceLevel) ? (
          <LevelView label="Practice level" level={config.practiceLevel} />
        ) : (
          <LevelView
            label="Practice level"
            level={PRACTICE_LEVEL}
            note="The original study's practice map"
          />
        )}
        {hasGrid(config.level) ? (
          <LevelView label="Real-round level" level={config.level} />
        ) : (
          <Box>
            <Typography variant="caption" color="text.secondary" component="div">
              Real-round level
            </Typography>
            <Typography variant="body2">Generated for each pair from its seed</Typography>
          </Box>
        )}
      </Group>
      <Group title="Generated maps and starts">
        <Setting source="config.gridSize" setting={settings.gridSize} />
        <Setting source="config.bombs" setting={settings.bombs} />
        <Setting source="config.minItemDistance" setting={settings.minItemDistance} />
        <Setting source="config.startClearance" setting={settings.startClearance} />
      </Group>
      <Group title="Voice and disconnects">
        <Flag source="config.twoWayVoice" label="Two-way voice" />
        <Setting source="config.disconnectGraceS" setting={settings.disconnectGraceS} />
      </Group>
      <Box>
        <Typography variant="subtitle2" component="h3" sx={{ mb: 0.5 }}>
          Debrief questions
        </Typography>
        {questions.length === 0 ? (
          <Typography variant="body2">None</Typography>
        ) : (
          <Box component="ol" sx={{ m: 0, pl: 3 }}>
            {questions.map((question) => (
              <Typography key={question.id} component="li" variant="body2">
                <Box component="code" sx={{ fontFamily: 'monospace', mr: 1 }}>
                  {question.id}
                </Box>
                {question.text}
              </Typography>
            ))}
          </Box>
        )}
      </Box>
    </Stack>
  );
};
