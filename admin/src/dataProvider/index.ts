import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider, Identifier } from 'react-admin';

import type {
  AddStudyMemberRequest,
  ParticipantWithdrawal,
  StudyMemberView,
  WithdrawParticipantRequest,
} from '../../../src/games/common/api';
import {
  ResourceName,
  type ImportCsvResult,
  type Participant,
  type RegisterRangeResult,
} from '../types';
import { fetchBlob, httpClient } from './httpClient';
import { renderMethods, type RenderMethods } from './renders';
import { withRoms } from './roms';

export const API_URL = '/api';

/** The ra-data-simple-rest provider plus the participant bulk operations and the render calls. */
export interface OzDataProvider extends DataProvider, RenderMethods {
  /** Registers every ID of a range such as `T0001-T0040`. 409 if one exists, 400 if malformed. */
  registerRange(studyId: Identifier, range: string): Promise<RegisterRangeResult>;
  /** Imports participants from CSV text. A 400 lists each bad line in `body.issues`. */
  importCsv(studyId: Identifier, csvText: string): Promise<ImportCsvResult>;
  /** The study's participants as a CSV file. */
  exportCsv(studyId: Identifier): Promise<Blob>;
  /** A ROM's bytes, as uploaded. */
  downloadRom(romId: Identifier): Promise<Blob>;
  /** Who has access to a study: its owner, then those given access. */
  studyMembers(studyId: Identifier): Promise<StudyMemberView[]>;
  /** Gives the researcher with this email access (owner or admin only). */
  addStudyMember(studyId: Identifier, request: AddStudyMemberRequest): Promise<StudyMemberView>;
  /** Takes a given access away (owner or admin only). */
  removeStudyMember(studyId: Identifier, researcherId: string): Promise<void>;
  /** Withdraws a participant; their audio goes too when `deleteRecordings`. */
  withdrawParticipant(
    id: Identifier,
    request: WithdrawParticipantRequest,
  ): Promise<ParticipantWithdrawal<Participant>>;
}

const studyParticipantsUrl = (studyId: Identifier, action: string): string =>
  `${API_URL}/${ResourceName.Studies}/${encodeURIComponent(String(studyId))}/participants/${action}`;

const studyMembersUrl = (studyId: Identifier): string =>
  `${API_URL}/${ResourceName.Studies}/${encodeURIComponent(String(studyId))}/members`;

const baseProvider = withRoms(API_URL, simpleRestProvider(API_URL, httpClient));

export const dataProvider: OzDataProvider = {
  ...baseProvider,
  ...renderMethods(API_URL),

  async registerRange(studyId, range) {
    const response = await httpClient(studyParticipantsUrl(studyId, 'range'), {
      method: 'POST',
      body: JSON.stringify({ range }),
    });
    return response.json as RegisterRangeResult;
  },

  async importCsv(studyId, csvText) {
    const response = await httpClient(studyParticipantsUrl(studyId, 'import'), {
      method: 'POST',
      headers: new Headers({ Accept: 'application/json', 'Content-Type': 'text/csv' }),
      body: csvText,
    });
    return response.json as ImportCsvResult;
  },

  exportCsv(studyId) {
    return fetchBlob(studyParticipantsUrl(studyId, 'export'), {
      headers: { Accept: 'text/csv' },
    });
  },

  async studyMembers(studyId) {
    const response = await httpClient(studyMembersUrl(studyId));
    return response.json as StudyMemberView[];
  },

  async addStudyMember(studyId, request) {
    const response = await httpClient(studyMembersUrl(studyId), {
      method: 'POST',
      body: JSON.stringify(request),
    });
    return response.json as StudyMemberView;
  },

  async removeStudyMember(studyId, researcherId) {
    await httpClient(`${studyMembersUrl(studyId)}/${encodeURIComponent(researcherId)}`, {
      method: 'DELETE',
    });
  },

  async withdrawParticipant(id, request) {
    const response = await httpClient(
      `${API_URL}/${ResourceName.Participants}/${encodeURIComponent(String(id))}/withdraw`,
      { method: 'POST', body: JSON.stringify(request) },
    );
    return response.json as ParticipantWithdrawal<Participant>;
  },

  downloadRom(romId) {
    return fetchBlob(
      `${API_URL}/${ResourceName.Roms}/${encodeURIComponent(String(romId))}/download`,
      { headers: { Accept: 'application/octet-stream' } },
    );
  },
};
