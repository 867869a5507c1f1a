/**
 * The participant's socket to the RoboTaxi gateway (`ROBOTAXI_NAMESPACE`, same origin; vite's dev
 * server proxies `/socket.io`). While it is connected, the page clock measures its offset to the
 * server over this socket (`clock:ping`); while it is not, over HTTP again.
 */
import { io, type Socket } from 'socket.io-client';

import {
  ROBOTAXI_NAMESPACE,
  type Ack,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../../src/games/common/robotaxi-events';
import {
  httpClockTransport,
  pageClock,
  setPageClockTransport,
  type ClockTransport,
} from '../recorder';

export type RobotaxiSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a clock ping may take before the exchange counts as lost. */
const CLOCK_PING_TIMEOUT_MS = 5_000;

type ClientEvent = keyof ClientToServerEvents;
export type PayloadOf<Ev extends ClientEvent> = Parameters<ClientToServerEvents[Ev]>[0];
export type AckOf<Ev extends ClientEvent> = Parameters<Parameters<ClientToServerEvents[Ev]>[1]>[0];

/**
 * Emits `event` and resolves with the server's ack; rejects when none comes within `timeoutMs`
 * (or the connection drops first). socket.io's own typing of `timeout().emitWithAck()` loses the
 * ack's type; this keeps it.
 */
export async function request<Ev extends ClientEvent>(
  socket: RobotaxiSocket,
  event: Ev,
  payload: PayloadOf<Ev>,
  timeoutMs: number,
): Promise<AckOf<Ev>> {
  const timed = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: Ev, payload: PayloadOf<Ev>): Promise<unknown>;
  };
  return (await timed.emitWithAck(event, payload)) as AckOf<Ev>;
}

/** Clock pings over the game socket: the same path (and latency) as the game's events. */
export function socketClockTransport(socket: RobotaxiSocket): ClockTransport {
  return {
    ping: async (clientSendMs) => {
      const answer: Ack<{ serverMs: number }> = await request(
        socket,
        'clock:ping',
        { clientSendMs },
        CLOCK_PING_TIMEOUT_MS,
      );
      if (!answer.ok) throw new Error(answer.error);
      return { serverMs: answer.serverMs };
    },
  };
}

/**
 * A typed socket for the participant whose token `token()` returns (read again on every
 * reconnect, so a refreshed login is used). Not connected yet: call `socket.connect()`.
 * `dispose()` removes the clock hooks and closes the socket.
 */
export function createRobotaxiSocket(token: () => string | null): {
  socket: RobotaxiSocket;
  dispose: () => void;
} {
  const socket: RobotaxiSocket = io(ROBOTAXI_NAMESPACE, {
    auth: (cb) => cb({ token: token() }),
    transports: ['websocket'],
    autoConnect: false,
  });

  const onConnect = () => {
    setPageClockTransport(socketClockTransport(socket));
    // The offset may have drifted while we were away: measure again over the new connection.
    pageClock().syncNow();
  };
  const onDisconnect = () => setPageClockTransport(httpClockTransport());
  socket.on('connect', onConnect);
  socket.on('disconnect', onDisconnect);

  return {
    socket,
    dispose: () => {
      socket.off('connect', onConnect);
      socket.off('disconnect', onDisconnect);
      socket.disconnect();
      setPageClockTransport(httpClockTransport());
    },
  };
}
