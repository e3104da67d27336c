import { describe, expect, it } from 'vitest';
import { ROUTES, routePath } from './routes';

describe('routePath', () => {
  it('fills and encodes every param, and leaves paths without params as they are', () => {
    expect(routePath(ROUTES.caseMedia, { id: 41, key: 'front image' })).toBe(
      '/api/cases/41/media/front%20image',
    );
    expect(routePath(ROUTES.caseReport, { id: 7 })).toBe('/api/cases/7/report.pdf');
    expect(routePath(ROUTES.reasonCodeSave, { code: 'a/b' })).toBe('/api/reason-codes/a%2Fb');
    expect(routePath(ROUTES.caseList)).toBe('/api/cases');
  });

  it('types the params from the path (checked by typecheck)', () => {
    // @ts-expect-error a route with params cannot be built without them
    expect(() => routePath(ROUTES.caseDetail)).toThrow();
    // @ts-expect-error nor with a misspelled one
    expect(() => routePath(ROUTES.actionDecision, { id: 1 })).toThrow();
  });

  it('refuses a missing param instead of sending ":id"', () => {
    const untyped = routePath as (route: { path: string }, params?: object) => string;
    expect(() => untyped(ROUTES.caseDetail, {})).toThrow(/needs the parameter id/);
  });

  it('names each METHOD path once', () => {
    const ids = Object.values(ROUTES).map((route) => `${route.method} ${route.path}`);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
