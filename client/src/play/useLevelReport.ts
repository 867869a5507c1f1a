/**
 * Reports the page's microphone level to the server about twice a second (`client:level`), for
 * the researchers' live view; nothing is stored. Stops with the recording or the connection.
 */
import { useEffect } from 'react';

import type { Recorder } from '../recorder';
import { LEVEL_REPORT_MS, LevelWindow } from './level-report';
import type { RobotaxiSocket } from './socket';

export function useLevelReport(
  socket: RobotaxiSocket | null,
  recorder: Recorder | null,
  active: boolean,
): void {
  useEffect(() => {
    if (!socket || !recorder || !active) return;
    const window = new LevelWindow();
    const off = recorder.onLevel((reading) => window.push(reading));
    const timer = setInterval(() => {
      const level = window.take();
      // Volatile: a level that cannot go now is worthless later.
      if (level && socket.connected) socket.volatile.emit('client:level', level, () => undefined);
    }, LEVEL_REPORT_MS);
    return () => {
      off();
      clearInterval(timer);
    };
  }, [socket, recorder, active]);
}
