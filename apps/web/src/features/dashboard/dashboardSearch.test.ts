import { describe, expect, it } from 'vitest';
import { defaultRange, parseDashboardRange } from './dashboardSearch';

const TODAY = new Date('2030-03-10T12:00:00Z');
const parse = (query: string) => parseDashboardRange(new URLSearchParams(query), TODAY);

describe('parseDashboardRange', () => {
  it('keeps a valid range from the URL and swaps reversed bounds', () => {
    expect(parse('from=2030-01-01&to=2030-01-31')).toEqual({ from: '2030-01-01', to: '2030-01-31' });
    expect(parse('from=2030-01-31&to=2030-01-01')).toEqual({ from: '2030-01-01', to: '2030-01-31' });
  });

  it('falls back to the last 30 days for a missing, invalid or too long range', () => {
    const fallback = { from: '2030-02-09', to: '2030-03-10' };
    expect(defaultRange(TODAY)).toEqual(fallback);
    expect(parse('')).toEqual(fallback);
    expect(parse('from=2030-01-01')).toEqual(fallback);
    expect(parse('from=yesterday&to=2030-01-02')).toEqual(fallback);
    expect(parse('from=2028-01-01&to=2029-01-01')).toEqual(fallback); // 367 days
    expect(parse('from=2028-01-01&to=2028-12-31')).toEqual({ from: '2028-01-01', to: '2028-12-31' });
  });
});
