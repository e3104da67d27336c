import { describe, expect, it } from 'vitest';
import { safeNextPath } from './SignInPage';

describe('safeNextPath', () => {
  it('follows same-site paths with their query', () => {
    expect(safeNextPath('/cases/12?tab=aml')).toBe('/cases/12?tab=aml');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
      null,
    ]) {
      expect(safeNextPath(next)).toBe('/cases?status=needs_review');
    }
  });
});
