import { describe, expect, it } from 'vitest';
import { AddListEntryRequest, LIST_VALUE_KINDS, listValueSchema } from './lists';

const check = (kind: string, value: string) => listValueSchema(kind)!.safeParse(value);

describe('listValueSchema', () => {
  it('normalises what Didit compares without case or spacing', () => {
    expect(check('email', ' Ana.Lopez@Example.ORG ').data).toBe('ana.lopez@example.org');
    expect(check('phone', '+34 600 11-12 22').data).toBe('+34600111222');
    expect(check('document', 'x12 3456 7').data).toBe('X1234567');
    expect(check('ip_address', '2001:DB8::1').data).toBe('2001:db8::1');
    expect(check('country', 'esp').data).toBe('ESP');
  });

  it('refuses malformed values with a message per kind', () => {
    expect(check('email', 'ana@').error?.issues[0]?.message).toBe('This is not an e-mail address.');
    expect(check('phone', '600111222').error?.issues[0]?.message).toMatch(/international form/);
    expect(check('ip_address', '10.0.0.256').error?.issues[0]?.message).toBe(
      'This is not an IPv4 or IPv6 address.',
    );
    expect(check('ip_address', '10.0.0.1').success).toBe(true);
    expect(check('document', 'ab').success).toBe(false);
    expect(check('device_fingerprint', 'a b c d e f').success).toBe(false);
    expect(check('email', '   ').error?.issues[0]?.message).toBe('Enter a value.');
  });

  it('takes no typed face, and covers every other entry kind', () => {
    expect(listValueSchema('face')).toBeNull();
    expect(listValueSchema('something_new')).toBeNull();
    for (const kind of LIST_VALUE_KINDS) expect(listValueSchema(kind), kind).not.toBeNull();
  });

  it('takes either a case or a value', () => {
    expect(AddListEntryRequest.safeParse({ caseId: 1, comment: 'x' }).success).toBe(true);
    expect(AddListEntryRequest.safeParse({ value: 'a@b.co', comment: 'x' }).success).toBe(true);
    expect(AddListEntryRequest.safeParse({ value: 'a@b.co', caseId: 1, comment: 'x' }).success).toBe(false);
    expect(AddListEntryRequest.safeParse({ comment: 'x' }).success).toBe(false);
  });
});
