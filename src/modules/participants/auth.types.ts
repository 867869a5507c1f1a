import type { ParticipantRole } from '../../games/common/api.js';
import type { ResearcherRole } from './researcher.entity.js';

export enum TokenScope {
  Researcher = 'researcher',
  Participant = 'participant',
}

export interface ResearcherPrincipal {
  scope: TokenScope.Researcher;
  id: string;
  role: ResearcherRole;
}

export interface ParticipantPrincipal {
  scope: TokenScope.Participant;
  /** The participant row's uuid. */
  id: string;
  studyId: string;
  participantId: string;
  role: ParticipantRole;
}

export type Principal = ResearcherPrincipal | ParticipantPrincipal;

/** JWT claims; `sub` is the row id. */
export type TokenClaims =
  | { scope: TokenScope.Researcher; sub: string; role: ResearcherRole }
  | {
      scope: TokenScope.Participant;
      sub: string;
      studyId: string;
      pid: string;
      role: ParticipantRole;
    };
