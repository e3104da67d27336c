import { describe, expect, it } from 'vitest';
import { parseCaseChangedEvent } from './useCaseEvents';

describe('parseCaseChangedEvent', () => {
  it('reads the server payload', () => {
    expect(parseCaseChangedEvent('{"id":123,"status":"approved","version":4}')).toEqual({
      id: 123,
      status: 'approved',
      version: 4,
    });
  });

  it('ignores anything that does not name a case', () => {
    expect(parseCaseChangedEvent('not json')).toBeNull();
    expect(parseCaseChangedEvent('{"status":"approved"}')).toBeNull();
    expect(parseCaseChangedEvent('{"id":"12"}')).toBeNull();
    expect(parseCaseChangedEvent('null')).toBeNull();
  });
});
