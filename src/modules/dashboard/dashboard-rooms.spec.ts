import { describe, expect, it } from 'vitest';
import { RENDER_STATUSES, SESSION_STATUSES } from '../../games/common/dashboard-events.js';
import { RenderStatus } from '../replay/render.entity.js';
import { SessionStatus } from '../sessions/session.entity.js';
import {
  ADMINS_ROOM,
  roomsOfResearcher,
  roomsOfStudy,
  studyRoom,
  toRenderUpdate,
} from './dashboard-rooms.js';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('dashboard rooms', () => {
  it('puts an admin in the admins room and a researcher in one room per visible study', () => {
    expect(roomsOfResearcher(null)).toEqual([ADMINS_ROOM]);
    expect(roomsOfResearcher([A, B])).toEqual([`study:${A}`, `study:${B}`]);
    expect(roomsOfResearcher([])).toEqual([]);
  });

  it("sends a study's events to its room and to the admins, never to another study's room", () => {
    expect(roomsOfStudy(A)).toEqual([studyRoom(A), ADMINS_ROOM]);
    expect(roomsOfStudy(A)).not.toContain(studyRoom(B));
  });

  it('copies exactly the contract fields of a render event', () => {
    const event = {
      renderId: A,
      episodeId: B,
      studyId: A,
      status: RenderStatus.Rendering,
      framesWritten: 3,
      framesTotal: 10,
      error: null,
      extra: 'not for the wire',
    };
    expect(toRenderUpdate(event)).toEqual({
      renderId: A,
      episodeId: B,
      studyId: A,
      status: 'rendering',
      framesWritten: 3,
      framesTotal: 10,
      error: null,
    });
  });

  it("lists the entity's render statuses in the shared contract", () => {
    expect([...RENDER_STATUSES].sort()).toEqual(Object.values(RenderStatus).sort());
  });

  it("lists the entity's session statuses in the shared contract", () => {
    expect([...SESSION_STATUSES].sort()).toEqual(Object.values(SessionStatus).sort());
  });
});
