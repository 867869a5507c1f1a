import { describe, expect, it } from 'vitest';

import { patchRender, patchRenderCache } from './liveCache';
import type { RenderStatusName, RenderUpdate } from './types';

const render = (id: string, over: object = {}) => ({
  id,
  episodeId: 'e1',
  studyId: 's1',
  status: 'rendering' as RenderStatusName,
  framesWritten: 10,
  framesTotal: 100,
  error: null,
  bytes: null,
  ...over,
});
const update = (over: Partial<RenderUpdate> = {}): RenderUpdate => ({
  renderId: 'r1',
  episodeId: 'e1',
  studyId: 's1',
  status: 'rendering',
  framesWritten: 50,
  framesTotal: 100,
  error: null,
  ...over,
});

describe('patchRender', () => {
  it('changes only the pushed fields of the same render, keeping the rest', () => {
    expect(patchRender(render('r1'), update())).toEqual(render('r1', { framesWritten: 50 }));
    const other = render('r2');
    expect(patchRender(other, update())).toBe(other);
    const same = render('r1', { framesWritten: 50 });
    expect(patchRender(same, update())).toBe(same);
  });
});

describe('patchRenderCache', () => {
  it('patches a getList / getManyReference result and reports a status change', () => {
    const cached = { data: [render('r0'), render('r1')], total: 2 };
    const patched = patchRenderCache(cached, update({ status: 'completed', framesWritten: 100 }));
    expect(patched).toMatchObject({ found: true, statusChanged: true });
    const data = patched.data as typeof cached;
    expect(data.total).toBe(2);
    expect(data.data[0]).toBe(cached.data[0]);
    expect(data.data[1]).toMatchObject({ id: 'r1', status: 'completed', framesWritten: 100 });
    expect(cached.data[1].framesWritten).toBe(10); // not mutated
  });

  it('patches getOne records, getMany arrays and infinite lists', () => {
    expect(patchRenderCache(render('r1'), update()).data).toMatchObject({ framesWritten: 50 });
    const many = patchRenderCache([render('r1')], update());
    expect(many).toMatchObject({ found: true, statusChanged: false });
    expect(many.data).toEqual([render('r1', { framesWritten: 50 })]);
    const infinite = {
      pages: [{ data: [render('r9')] }, { data: [render('r1')] }],
      pageParams: [],
    };
    const patched = patchRenderCache(infinite, update()).data as typeof infinite;
    expect(patched.pages[0]).toBe(infinite.pages[0]);
    expect(patched.pages[1].data[0]).toMatchObject({ framesWritten: 50 });
  });

  it('returns the same object when the render is not there, or nothing changed', () => {
    const cached = { data: [render('r2')], total: 1 };
    expect(patchRenderCache(cached, update())).toEqual({
      data: cached,
      found: false,
      statusChanged: false,
    });
    const current = { data: [render('r1', { framesWritten: 50 })], total: 1 };
    const same = patchRenderCache(current, update());
    expect(same.data).toBe(current);
    expect(same.found).toBe(true);
    expect(patchRenderCache(undefined, update()).data).toBeUndefined();
  });
});
