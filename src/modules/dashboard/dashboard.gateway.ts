import { HttpException, Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import {
  type Ack,
  DASHBOARD_NAMESPACE,
  type DashboardClientToServerEvents,
  type DashboardServerToClientEvents,
} from '../../games/common/dashboard-events.js';
import { subscribeSchema } from '../../games/common/dashboard-schemas.js';
import { parsePayload } from '../../games/common/robotaxi-events.js';
import { type ResearcherPrincipal, TokenScope } from '../participants/auth.types.js';
import { ResearchersService } from '../participants/researchers.service.js';
import { TokenService } from '../participants/token.service.js';
import { RenderEvents } from '../replay/render-events.service.js';
import { StudiesService } from '../studies/studies.service.js';
import { roomsOfResearcher, roomsOfStudy, studyRoom, toRenderUpdate } from './dashboard-rooms.js';
import { LiveStatusService } from './live-status.service.js';

interface SocketData {
  principal: ResearcherPrincipal;
}
type DashboardSocket = Socket<
  DashboardClientToServerEvents,
  DashboardServerToClientEvents,
  object,
  SocketData
>;
/** A handshake refused on purpose: its message goes to the client as the `connect_error`. */
class HandshakeRefused extends Error {}

type DashboardNamespace = Namespace<
  DashboardClientToServerEvents,
  DashboardServerToClientEvents,
  object,
  SocketData
>;

/**
 * The researcher dashboard's socket.io gateway (protocol in
 * `src/games/common/dashboard-events.ts`): pushes render progress and the live status of open
 * sessions (`LiveStatusService`) to the researchers who may see the study. The handshake carries the researcher token, re-checked against the
 * database like the HTTP guard does; the socket then joins a room per visible study (admins: the
 * admins' room). Events go to rooms, so no per-event access check is needed.
 */
@WebSocketGateway({ namespace: DASHBOARD_NAMESPACE })
export class DashboardGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(DashboardGateway.name);
  @WebSocketServer() private readonly server!: DashboardNamespace;
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly tokens: TokenService,
    private readonly researchers: ResearchersService,
    private readonly studies: StudiesService,
    private readonly renderEvents: RenderEvents,
    private readonly live: LiveStatusService,
  ) {}

  afterInit(server: DashboardNamespace): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => {
          if (error instanceof HandshakeRefused) return next(error);
          this.logger.error(
            error instanceof Error ? (error.stack ?? error.message) : String(error),
          );
          next(new Error('The server could not check your sign-in; try again'));
        },
      );
    });
    this.subscriptions.push(
      this.renderEvents.events$.subscribe((event) =>
        this.server.to(roomsOfStudy(event.studyId)).emit('render:update', toRenderUpdate(event)),
      ),
      this.live.updates$.subscribe((update) =>
        this.server.to(roomsOfStudy(update.studyId)).emit('session:update', update),
      ),
      this.studies.memberChanges$.subscribe(({ studyId, researcherId, given }) => {
        for (const socket of this.server.sockets.values()) {
          if (socket.data.principal.id !== researcherId) continue;
          if (given) void socket.join(studyRoom(studyId));
          else void socket.leave(studyRoom(studyId));
        }
      }),
    );
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
  }

  private async authenticate(socket: DashboardSocket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (typeof auth?.token !== 'string' || !auth.token)
      throw new HandshakeRefused(
        'Missing token: connect with auth: { token } (a researcher token)',
      );
    const principal = await this.tokens.verify(auth.token).catch((error: unknown) => {
      throw new HandshakeRefused(error instanceof HttpException ? error.message : 'Invalid token');
    });
    if (principal.scope !== TokenScope.Researcher)
      throw new HandshakeRefused('This connection is for researchers: sign in to the dashboard');
    const researcher = await this.researchers.findById(principal.id);
    if (!researcher) throw new HandshakeRefused('Researcher no longer exists');
    // The role as it is now, not as it was when the token was signed.
    const current: ResearcherPrincipal = { ...principal, role: researcher.role };
    socket.data = { principal: current };
    this.closeAtExpiry(socket, auth.token);
    await socket.join(roomsOfResearcher(await this.studies.accessibleIds(current)));
  }

  /**
   * The token is checked at the handshake only; the connection ends when the token expires, so a
   * signed-out dashboard does not go on receiving its studies' events (the admin signs in again).
   */
  private closeAtExpiry(socket: DashboardSocket, token: string): void {
    const expiresAt = this.tokens.expiresAtMs(token);
    if (expiresAt === null) return;
    // setTimeout holds at most 2^31-1 ms (~24.8 days); a longer token is checked again then.
    const delay = Math.min(Math.max(expiresAt - Date.now(), 0), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (Date.now() < expiresAt) return this.closeAtExpiry(socket, token);
      this.logger.log(`Dashboard connection ${socket.id}: token expired, closing it`);
      socket.disconnect(true);
    }, delay);
    socket.once('disconnect', () => clearTimeout(timer));
  }

  /** Adds a study the researcher may see (e.g. created after this socket connected). */
  @SubscribeMessage('subscribe')
  async subscribe(
    @ConnectedSocket() socket: DashboardSocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ studyId: string }>> {
    const parsed = parsePayload(subscribeSchema, body);
    if (!parsed.ok) return parsed;
    const { studyId } = parsed.value;
    try {
      await this.studies.findAccessible(socket.data.principal, studyId);
    } catch (error) {
      if (error instanceof HttpException) return { ok: false, error: error.message };
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return { ok: false, error: 'The server could not do that; try again' };
    }
    await socket.join(studyRoom(studyId));
    return { ok: true, studyId };
  }
}
