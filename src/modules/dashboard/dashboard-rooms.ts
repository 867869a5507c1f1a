/**
 * The socket.io rooms of the dashboard namespace. Pure: no Nest, no I/O.
 *
 * Admins sit in one room that receives every study's events; a researcher's socket joins one
 * room per study it may see (at connect, then one more for each accepted `subscribe`). An event
 * about a study goes to that study's room and to the admins' room: socket.io delivers it once to
 * a socket that is in both.
 */
import type { RenderUpdate } from '../../games/common/dashboard-events.js';
import type { RenderEvent } from '../replay/render-events.service.js';

export const ADMINS_ROOM = 'admins';

export const studyRoom = (studyId: string): string => `study:${studyId}`;

/** The rooms a researcher joins at connect, from the ids of the studies it may see (null: all). */
export const roomsOfResearcher = (accessibleStudyIds: readonly string[] | null): string[] =>
  accessibleStudyIds === null ? [ADMINS_ROOM] : accessibleStudyIds.map(studyRoom);

/** The rooms an event about `studyId` is pushed to. */
export const roomsOfStudy = (studyId: string): string[] => [studyRoom(studyId), ADMINS_ROOM];

/** The wire form of a render event: exactly the contract's fields, nothing the entity adds later. */
export const toRenderUpdate = (event: RenderEvent): RenderUpdate => ({
  renderId: event.renderId,
  episodeId: event.episodeId,
  studyId: event.studyId,
  status: event.status,
  framesWritten: event.framesWritten,
  framesTotal: event.framesTotal,
  error: event.error,
});
