import { HttpException, Logger } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import {
  type Ack,
  type ClientToServerEvents,
  clockPingSchema,
  joinSchema,
  type JoinResult,
  keySchema,
  levelSchema,
  parsePayload,
  type PlayRole,
  renderedSchema,
  ROBOTAXI_NAMESPACE,
  type ServerToClientEvents,
  teacherDebriefSchema,
  voiceSignalSchema,
  voiceStateSchema,
  wizardFeedbackSchema,
} from '../../games/common/robotaxi-events.js';
import { LiveStatusService } from '../dashboard/live-status.service.js';
import { type ParticipantPrincipal, TokenScope } from '../participants/auth.types.js';
import { ParticipantStatusCache } from '../participants/participant-status.cache.js';
import { TokenService } from '../participants/token.service.js';
import { serverNowMs } from '../recordings/server-clock.js';
import { PairingRefused, PairingService } from '../sessions/pairing.service.js';
import { RunnerRegistry, RunnerUnavailable } from './runner-registry.service.js';
import type { SessionRunner } from './session-runner.js';

interface SocketData {
  principal: ParticipantPrincipal;
  role: PlayRole;
  sessionId?: string;
}
type PlaySocket = Socket<ClientToServerEvents, ServerToClientEvents, object, SocketData>;
type PlayNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, object, SocketData>;

const room = (sessionId: string, role: PlayRole) => `${sessionId}:${role}`;
const partnerOf = (role: PlayRole): PlayRole => (role === 'teacher' ? 'wizard' : 'teacher');

/**
 * The RoboTaxi socket.io gateway (protocol in `src/games/common/robotaxi-events.ts`). The handshake
 * carries the participant token; each page joins its session's room for its role; every payload
 * is validated and a bad one is answered `{ ok: false, error }` without changing anything. The
 * game itself runs in the session's SessionRunner; this class only translates.
 */
@WebSocketGateway({ namespace: ROBOTAXI_NAMESPACE })
export class RobotaxiGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(RobotaxiGateway.name);
  @WebSocketServer() private readonly server!: PlayNamespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly participantStatus: ParticipantStatusCache,
    private readonly pairing: PairingService,
    private readonly runners: RunnerRegistry,
    private readonly live: LiveStatusService,
  ) {}

  afterInit(server: PlayNamespace): void {
    server.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (error: unknown) => next(new Error(error instanceof Error ? error.message : 'Refused')),
      );
    });
    this.runners.setEmitter({
      emit: (sessionId, role, event, ...args) =>
        this.server.to(room(sessionId, role)).emit(event, ...args),
    });
    this.participantStatus.onChange((id) => void this.dropIfLockedOut(id));
  }

  /**
   * A participant withdrawn (or deleted) mid-session loses their connections at once: the
   * handshake would refuse them, and a connection made before must not go on playing. Their page
   * reconnects once to learn why; the session pauses for the partner as for any drop.
   */
  private async dropIfLockedOut(participantId: string): Promise<void> {
    const status = await this.participantStatus.status(participantId).catch(() => undefined);
    if (status !== null && status !== 'withdrawn') return;
    for (const socket of this.server.sockets.values()) {
      if (socket.data.principal.id !== participantId) continue;
      this.logger.log(
        `Participant ${socket.data.principal.participantId} is ${status ?? 'deleted'}: closing their connection`,
      );
      socket.disconnect(true);
    }
  }

  private async authenticate(socket: PlaySocket): Promise<void> {
    const auth = socket.handshake.auth as { token?: unknown } | undefined;
    if (typeof auth?.token !== 'string' || !auth.token)
      throw new Error('Missing token: connect with auth: { token }');
    const principal = await this.tokens.verify(auth.token).catch((error: unknown) => {
      throw new Error(error instanceof HttpException ? error.message : 'Invalid token');
    });
    if (principal.scope !== TokenScope.Participant)
      throw new Error('This connection is for participants');
    if (principal.role !== 'teacher' && principal.role !== 'wizard')
      throw new Error('Only teachers and wizards play RoboTaxi');
    const status = await this.participantStatus.status(principal.id);
    if (status === null) throw new Error('Participant no longer exists');
    if (status === 'withdrawn') throw new Error('You have withdrawn from this study');
    socket.data = { principal, role: principal.role };
  }

  handleDisconnect(socket: PlaySocket): void {
    const { sessionId, role } = socket.data;
    if (!sessionId) return;
    this.server.to(room(sessionId, partnerOf(role))).emit('voice:peer', { present: false });
    void this.runners
      .peek(sessionId)
      ?.then((runner) => runner.leave(role, socket.id))
      .catch(() => undefined);
  }

  @SubscribeMessage('clock:ping')
  clockPing(@MessageBody() body: unknown): Ack<{ serverMs: number }> {
    const serverMs = serverNowMs();
    const parsed = parsePayload(clockPingSchema, body);
    return parsed.ok ? { ok: true, serverMs } : parsed;
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: PlaySocket,
    @MessageBody() body: unknown,
  ): Promise<Ack<JoinResult>> {
    const parsed = parsePayload(joinSchema, body);
    if (!parsed.ok) return parsed;
    return this.guard<JoinResult>(async () => {
      const { principal, role } = socket.data;
      const session = await this.pairing.sessionFor(principal);
      const runner = await this.runners.get(session.id);
      if (socket.data.sessionId && socket.data.sessionId !== session.id)
        return { ok: false, error: 'This page already joined another session: reload it' };
      socket.data.sessionId = session.id;
      await socket.join(room(session.id, role));
      const result = await runner.join(role, socket.id);
      // The partner's voice link restarts its negotiation with this (new) page.
      this.server.to(room(session.id, partnerOf(role))).emit('voice:peer', { present: true });
      if (runner.isPresent(partnerOf(role))) socket.emit('voice:peer', { present: true });
      return { ok: true, ...result };
    });
  }

  @SubscribeMessage('key')
  async key(@ConnectedSocket() socket: PlaySocket, @MessageBody() body: unknown): Promise<Ack> {
    const parsed = parsePayload(keySchema, body);
    if (!parsed.ok) return parsed;
    return this.withRunner(socket, (runner, role) => runner.key(role, parsed.value));
  }

  @SubscribeMessage('rendered')
  async rendered(
    @ConnectedSocket() socket: PlaySocket,
    @MessageBody() body: unknown,
  ): Promise<Ack> {
    const parsed = parsePayload(renderedSchema, body);
    if (!parsed.ok) return parsed;
    return this.withRunner(socket, (runner, role) => runner.rendered(role, parsed.value));
  }

  @SubscribeMessage('feedback:wizard')
  async wizardFeedback(
    @ConnectedSocket() socket: PlaySocket,
    @MessageBody() body: unknown,
  ): Promise<Ack> {
    const parsed = parsePayload(wizardFeedbackSchema, body);
    if (!parsed.ok) return parsed;
    return this.withRunner(socket, (runner, role) =>
      runner.submitWizardFeedback(role, parsed.value),
    );
  }

  @SubscribeMessage('feedback:teacher')
  async teacherDebrief(
    @ConnectedSocket() socket: PlaySocket,
    @MessageBody() body: unknown,
  ): Promise<Ack> {
    const parsed = parsePayload(teacherDebriefSchema, body);
    if (!parsed.ok) return parsed;
    return this.withRunner(socket, (runner, role) =>
      runner.submitTeacherDebrief(role, parsed.value),
    );
  }

  @SubscribeMessage('voice:signal')
  voiceSignal(@ConnectedSocket() socket: PlaySocket, @MessageBody() body: unknown): Ack {
    const parsed = parsePayload(voiceSignalSchema, body);
    if (!parsed.ok) return parsed;
    const { sessionId, role } = socket.data;
    if (!sessionId) return { ok: false, error: 'Join a session first' };
    this.server.to(room(sessionId, partnerOf(role))).emit('voice:signal', parsed.value);
    return { ok: true };
  }

  @SubscribeMessage('voice:state')
  voiceState(@ConnectedSocket() socket: PlaySocket, @MessageBody() body: unknown): Ack {
    const parsed = parsePayload(voiceStateSchema, body);
    if (!parsed.ok) return parsed;
    const { sessionId, principal } = socket.data;
    if (!sessionId) return { ok: false, error: 'Join a session first' };
    this.logger.log(`Session ${sessionId}: ${principal.participantId} voice ${parsed.value.state}`);
    return { ok: true };
  }

  /** The page's mic level, for the researchers' live view (not stored). */
  @SubscribeMessage('client:level')
  level(@ConnectedSocket() socket: PlaySocket, @MessageBody() body: unknown): Ack {
    const parsed = parsePayload(levelSchema, body);
    if (!parsed.ok) return parsed;
    const { sessionId, principal } = socket.data;
    if (!sessionId) return { ok: false, error: 'Join a session first' };
    const ref = { sessionId, studyId: principal.studyId, kind: 'woz-robotaxi' as const };
    this.live.pageLevel(ref, principal.id, parsed.value);
    return { ok: true };
  }

  private async withRunner(
    socket: PlaySocket,
    fn: (runner: SessionRunner, role: PlayRole) => Ack | Promise<Ack>,
  ): Promise<Ack> {
    const { sessionId, role } = socket.data;
    if (!sessionId) return { ok: false, error: 'Join a session first' };
    return this.guard(async () => fn(await this.runners.get(sessionId), role));
  }

  private async guard<T extends object>(fn: () => Promise<Ack<T>>): Promise<Ack<T>> {
    try {
      return await fn();
    } catch (error) {
      if (
        error instanceof PairingRefused ||
        error instanceof RunnerUnavailable ||
        error instanceof HttpException
      )
        return { ok: false, error: error.message };
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return { ok: false, error: 'The server could not do that; try again' };
    }
  }
}
