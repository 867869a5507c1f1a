import type {
  CreateParams,
  CreateResult,
  DataProvider,
  RaRecord,
  UpdateParams,
  UpdateResult,
} from 'react-admin';

import { ResourceName, type Rom } from '../types';
import { httpClient } from './httpClient';
import { toHttpError } from './apiError';

/** What the ROM create form holds: FileInput's `{ rawFile }`, a name, and maybe a profile. */
export interface RomUploadValues {
  file?: { rawFile?: unknown } | null;
  name?: string | null;
  profileId?: string | null;
}

/** A created ROM; `alreadyInLibrary` when the server had it already (same MD5, HTTP 200). */
export type UploadedRom = Rom & { alreadyInLibrary?: boolean };

/** `POST /api/roms?name=..&profileId=..` query: blank fields are left to the server's defaults. */
export const romUploadQuery = ({ name, profileId }: RomUploadValues): string => {
  const query = new URLSearchParams();
  if (name?.trim()) query.set('name', name.trim());
  if (profileId) query.set('profileId', profileId);
  const text = query.toString();
  return text ? `?${text}` : '';
};

/** `PATCH /api/roms/:id` body: only the name and the profile can change. */
export const toRomUpdate = ({ name, profileId }: Partial<Rom>) => ({
  ...(typeof name === 'string' ? { name: name.trim() } : {}),
  ...(typeof profileId === 'string' ? { profileId } : {}),
});

/** Uploads the chosen file's raw bytes (not a multipart form: the API takes the ROM as the body). */
export const uploadRom = async (apiUrl: string, values: RomUploadValues): Promise<UploadedRom> => {
  const file = values.file?.rawFile;
  if (!(file instanceof Blob)) {
    const reason = 'choose the ROM file (.bin or .a26)';
    throw toHttpError(400, '', { message: reason, errors: [{ field: 'file', reason }] });
  }
  const response = await httpClient(`${apiUrl}/${ResourceName.Roms}${romUploadQuery(values)}`, {
    method: 'POST',
    headers: new Headers({
      Accept: 'application/json',
      'Content-Type': 'application/octet-stream',
    }),
    body: file,
  });
  const rom = response.json as Rom;
  return response.status === 200 ? { ...rom, alreadyInLibrary: true } : rom;
};

/**
 * ra-data-simple-rest, except for ROMs: `create` uploads the file's bytes and `update` is a PATCH
 * of the name and profile.
 */
export const withRoms = (apiUrl: string, provider: DataProvider): DataProvider => ({
  ...provider,

  async create<R extends Omit<RaRecord, 'id'>, Result extends RaRecord>(
    resource: string,
    params: CreateParams<R>,
  ): Promise<CreateResult<Result>> {
    if (resource !== (ResourceName.Roms as string)) return provider.create(resource, params);
    const rom = await uploadRom(apiUrl, params.data);
    return { data: rom as unknown as Result };
  },

  async update<R extends RaRecord>(
    resource: string,
    params: UpdateParams,
  ): Promise<UpdateResult<R>> {
    if (resource !== (ResourceName.Roms as string)) return provider.update(resource, params);
    const id = encodeURIComponent(String(params.id));
    const response = await httpClient(`${apiUrl}/${ResourceName.Roms}/${id}`, {
      method: 'PATCH',
      body: JSON.stringify(toRomUpdate(params.data as Partial<Rom>)),
    });
    return { data: response.json as R };
  },
});
