import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { HealthReport } from '../../src/modules/health/health.service.js';
import { ApiClient, startTestApp, type TestApp } from '../support/app.js';

describe('health and docs', () => {
  let t: TestApp;
  let degraded: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    degraded = await startTestApp({
      REDIS_URL: 'redis://127.0.0.1:1',
      FFMPEG_PATH: '/nonexistent/ffmpeg',
    });
  });
  afterAll(async () => {
    await t?.close();
    await degraded?.close();
  });

  it('reports every component up on a healthy machine', async () => {
    const res = await new ApiClient(t.baseUrl).get<HealthReport>('/health');
    expect(res.status).toBe(200);
    expect(res.body.components.database).toMatchObject({ status: 'up' });
    expect(res.body.components.storage).toMatchObject({ status: 'up', detail: 'local' });
    expect(res.body.components.ffmpeg.status).toBe('up');
    expect(res.body.components.ffmpeg.detail).toMatch(/ffmpeg version/);
    expect(res.body.components.redis.status).toBe(inject('redisUrl') ? 'up' : 'down');
  });

  it('says which component is down and why', async () => {
    const res = await new ApiClient(degraded.baseUrl).get<HealthReport>('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('degraded');
    expect(res.body.components.redis).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(/no answer/),
    });
    expect(res.body.components.ffmpeg).toMatchObject({
      status: 'down',
      reason: expect.stringMatching(/ENOENT/),
    });
    expect(res.body.components.database.status).toBe('up');
  });

  it('serves the OpenAPI document generated from the DTOs', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs-json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, { properties: object }> };
    };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/studies', '/api/participant/login', '/api/health']),
    );
    expect(Object.keys(doc.components.schemas.CreateStudyDto.properties)).toEqual(
      expect.arrayContaining(['name', 'slug', 'kind', 'config']),
    );
  });
});
