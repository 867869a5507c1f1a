import AudioFileIcon from '@mui/icons-material/AudioFile';
import DescriptionIcon from '@mui/icons-material/Description';
import MemoryIcon from '@mui/icons-material/Memory';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import {
  type ChangeEvent,
  type DragEvent,
  type ReactNode,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Title } from 'react-admin';

import { readWavInfo, type WavInfo } from './audio';
import type { AudioSource, Replay } from './model';
import { parseGameLogText } from './parseLog';
import { ReplayViewer } from './ReplayViewer';
import {
  AT_FIRST_POSITION,
  classifyFile,
  defaultPlacementChoice,
  droppedPlacement,
  placedTracks,
} from './standalone';

interface DroppedWav {
  id: string;
  name: string;
  url: string;
  info: WavInfo;
  choice: string;
  /** As typed (a lone "-" on the way to a negative number is kept). */
  shift: string;
}

interface LoadedLog {
  name: string;
  replay: Replay;
  /** Bumped for each file, so that a new log gets a fresh viewer. */
  version: number;
}

let counter = 0;
/** Enough of a WAV to hold its header (and any chunks before `data`). */
const WAV_HEADER_BYTES = 1 << 16;

/**
 * The standalone viewer, like the tool it replaces: drop a game log (our RoboTaxi or Atari
 * export, or an original Wizard-of-Oz log), the ROM for an Atari log, and WAV files; nothing is
 * uploaded.
 */
export function ReplayFilePage() {
  const [log, setLog] = useState<LoadedLog | null>(null);
  const [rom, setRom] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [wavs, setWavs] = useState<DroppedWav[]>([]);
  const [errors, setErrors] = useState<string[]>([]);

  // Object URLs live as long as their WAV is in the list, or the page.
  const urls = useRef(new Set<string>());
  useEffect(() => {
    const all = urls.current;
    return () => all.forEach((url) => URL.revokeObjectURL(url));
  }, []);
  const removeWav = (wav: DroppedWav) => {
    setWavs((all) => all.filter((x) => x.id !== wav.id));
    URL.revokeObjectURL(wav.url);
    urls.current.delete(wav.url);
  };

  const addFiles = async (files: readonly File[]) => {
    const problems: string[] = [];
    let nextLog: LoadedLog | null = null;
    const added: DroppedWav[] = [];
    for (const file of files) {
      const kind = classifyFile(file);
      try {
        switch (kind) {
          case 'log':
            nextLog = {
              name: file.name,
              replay: parseGameLogText(await file.text()),
              version: ++counter,
            };
            break;
          case 'rom':
            setRom({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
            break;
          case 'audio': {
            const info = readWavInfo(
              await file.slice(0, WAV_HEADER_BYTES).arrayBuffer(),
              file.size,
            );
            const url = URL.createObjectURL(file);
            urls.current.add(url);
            added.push({
              id: `wav-${++counter}`,
              name: file.name,
              url,
              info,
              choice: AT_FIRST_POSITION,
              shift: '0',
            });
            break;
          }
          case null:
            problems.push(`${file.name}: not a .json log, a .wav or a ROM (.bin, .a26)`);
            break;
        }
      } catch (error) {
        problems.push(`${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    setErrors(problems);
    const replay = nextLog?.replay ?? log?.replay;
    if (nextLog) setLog(nextLog);
    setWavs((before) => {
      const all = [...before, ...added];
      return replay
        ? all.map((w) =>
            added.includes(w) || nextLog
              ? { ...w, choice: defaultPlacementChoice(w.name, replay) }
              : w,
          )
        : all;
    });
  };

  const onInput = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    void addFiles(files);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    void addFiles([...event.dataTransfer.files]);
  };

  const replay = log?.replay ?? null;
  const audio = useMemo<AudioSource[]>(
    () =>
      replay
        ? wavs.map((w) => ({
            id: w.id,
            label: w.name,
            url: w.url,
            placement: droppedPlacement(w.choice, w.info.sampleRate, replay, Number(w.shift) || 0),
            durationS: w.info.durationS,
          }))
        : [],
    [replay, wavs],
  );

  const update = (id: string, change: Partial<DroppedWav>) =>
    setWavs((all) => all.map((w) => (w.id === id ? { ...w, ...change } : w)));

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Replay a file" />
      <CardContent>
        <Stack spacing={2}>
          <Box
            onDragOver={(event) => event.preventDefault()}
            onDrop={onDrop}
            data-testid="replay-drop"
            sx={{ border: 2, borderStyle: 'dashed', borderColor: 'divider', borderRadius: 2, p: 3 }}
          >
            <Typography gutterBottom>
              Drop a game log (JSON: a RoboTaxi export, an Atari frames export, or a Wizard-of-Oz
              log), its ROM for an Atari log, and WAV files here, or choose them. Nothing is
              uploaded.
            </Typography>
            <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
              <FileButton
                label="Game log"
                icon={<DescriptionIcon />}
                accept=".json,application/json"
                onChange={onInput}
              />
              <FileButton
                label="ROM"
                icon={<MemoryIcon />}
                accept=".bin,.a26,.rom"
                onChange={onInput}
              />
              <FileButton
                label="Audio"
                icon={<AudioFileIcon />}
                accept=".wav,audio/wav"
                multiple
                onChange={onInput}
              />
            </Stack>
          </Box>
          {errors.map((e) => (
            <Alert key={e} severity="error">
              {e}
            </Alert>
          ))}
          {log && (
            <Typography variant="body2" data-testid="replay-file-summary">
              {log.name}: {log.replay.title} ({log.replay.source}){rom ? ` · ROM ${rom.name}` : ''}
              {wavs.length ? ` · ${wavs.length} WAV` : ''}
            </Typography>
          )}
          {replay &&
            wavs.map((w) => (
              <Stack
                key={w.id}
                direction="row"
                spacing={2}
                useFlexGap
                sx={{ alignItems: 'center', flexWrap: 'wrap' }}
              >
                <Typography variant="body2" sx={{ minWidth: 200 }}>
                  {w.name} ({w.info.durationS.toFixed(1)} s, {w.info.sampleRate} Hz)
                </Typography>
                <TextField
                  select
                  size="small"
                  label="Starts"
                  value={w.choice}
                  onChange={(event) => update(w.id, { choice: event.target.value })}
                  fullWidth={false}
                  sx={{ width: 300 }}
                >
                  <MenuItem value={AT_FIRST_POSITION}>
                    With the first {replay.kind === 'atari' ? 'frame' : 'step'}
                  </MenuItem>
                  {placedTracks(replay).map((t) => (
                    <MenuItem key={t.id} value={t.id}>
                      As logged: {t.label}
                    </MenuItem>
                  ))}
                </TextField>
                <TextField
                  size="small"
                  type="number"
                  label="Shift (ms)"
                  value={w.shift}
                  onChange={(event) => update(w.id, { shift: event.target.value })}
                  fullWidth={false}
                  sx={{ width: 130 }}
                />
                <Button size="small" onClick={() => removeWav(w)}>
                  Remove
                </Button>
              </Stack>
            ))}
          {replay && (
            <ReplayViewer
              key={log?.version}
              replay={replay}
              audio={audio}
              rom={rom?.bytes ?? null}
              romMissing={
                replay.kind === 'atari'
                  ? `Choose the ROM file this log was played with${replay.romMd5 ? ` (MD5 ${replay.romMd5})` : ''} to see its pictures.`
                  : undefined
              }
            />
          )}
        </Stack>
      </CardContent>
    </Card>
  );
}

function FileButton({
  label,
  icon,
  accept,
  multiple,
  onChange,
}: {
  label: string;
  icon: ReactNode;
  accept: string;
  multiple?: boolean;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}) {
  return (
    <Button variant="outlined" component="label" startIcon={icon}>
      {label}
      <input
        hidden
        type="file"
        accept={accept}
        multiple={multiple}
        aria-label={label}
        onChange={onChange}
      />
    </Button>
  );
}
