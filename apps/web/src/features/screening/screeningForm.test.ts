import { describe, expect, it } from 'vitest';
import { chainOfAddress, EMPTY_SCREENING_FORM, validateScreening } from './screeningForm';

const today = new Date('2026-11-22T12:00:00Z');

describe('validateScreening', () => {
  it('recognises ETH and BTC (base58 and bech32) address shapes like the API', () => {
    expect(chainOfAddress('0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c')).toBe('eth');
    expect(chainOfAddress('1BoatSLRHtKNngkdXEeobR76b53LETtpyT')).toBe('btc');
    expect(chainOfAddress('3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy')).toBe('btc');
    expect(chainOfAddress('bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq')).toBe('btc');
    expect(chainOfAddress('0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353')).toBeNull(); // 39 hex
    expect(chainOfAddress('0BoatSLRHtKNngkdXEeobR76b53LETtpyT')).toBeNull();
    expect(chainOfAddress('bc1qO0')).toBeNull();
  });

  it('refuses a KYA screening with a malformed address or the wrong chain', () => {
    const bad = validateScreening({ ...EMPTY_SCREENING_FORM, kind: 'kya', address: '0x123' }, today);
    expect(bad.request).toBeNull();
    expect(bad.errors.address).toMatch(/Not a BTC or ETH address/);
    const wrongChain = validateScreening(
      {
        ...EMPTY_SCREENING_FORM,
        kind: 'kya',
        address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c',
        chain: 'btc',
      },
      today,
    );
    expect(wrongChain.errors.chain).toMatch(/Ethereum/);
    const good = validateScreening(
      { ...EMPTY_SCREENING_FORM, kind: 'kya', address: '  0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c ' },
      today,
    );
    expect(good.request).toEqual({ type: 'kya', address: '0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c' });
  });

  it('requires a name and checks date, citizenship for a person; omits empty optional fields', () => {
    expect(validateScreening({ ...EMPTY_SCREENING_FORM, name: '  ' }, today).errors.name).toBeTruthy();
    const invalid = validateScreening(
      { ...EMPTY_SCREENING_FORM, name: 'Ann Lee', birthday: '2026-02-30', citizenship: 'TW' },
      today,
    );
    expect(invalid.errors.birthday).toBeTruthy();
    expect(invalid.errors.citizenship).toMatch(/Three-letter/);
    expect(
      validateScreening({ ...EMPTY_SCREENING_FORM, name: 'Ann', birthday: '2030-01-01' }, today).errors
        .birthday,
    ).toMatch(/future/);
    expect(
      validateScreening(
        {
          ...EMPTY_SCREENING_FORM,
          name: ' Ann Lee ',
          citizenship: 'twn',
          gender: 'F',
          customerReference: 'c-1',
        },
        today,
      ).request,
    ).toEqual({
      type: 'dd_person',
      name: 'Ann Lee',
      citizenship: 'TWN',
      gender: 'F',
      customerReference: 'c-1',
    });
  });

  it('requires a company name for a company screening', () => {
    const result = validateScreening(
      { ...EMPTY_SCREENING_FORM, kind: 'dd_company', country: 'Taiwan' },
      today,
    );
    expect(result.errors.companyName).toBeTruthy();
    expect(result.errors.country).toBeTruthy();
    expect(
      validateScreening(
        { ...EMPTY_SCREENING_FORM, kind: 'dd_company', companyName: 'Acme Ltd', country: 'sgp' },
        today,
      ).request,
    ).toEqual({ type: 'dd_company', companyName: 'Acme Ltd', country: 'SGP' });
  });
});
