import { KryptogoScreeningRequest } from '@backoffice/contracts';

export type ScreeningKind = 'dd_person' | 'dd_company' | 'kya';

export interface ScreeningFormValues {
  kind: ScreeningKind;
  name: string;
  birthday: string;
  citizenship: string;
  gender: '' | 'M' | 'F';
  idNumber: string;
  companyName: string;
  registrationNumber: string;
  country: string;
  customerReference: string;
  address: string;
  chain: '' | 'eth' | 'btc';
}

export const EMPTY_SCREENING_FORM: ScreeningFormValues = {
  kind: 'dd_person',
  name: '',
  birthday: '',
  citizenship: '',
  gender: '',
  idNumber: '',
  companyName: '',
  registrationNumber: '',
  country: '',
  customerReference: '',
  address: '',
  chain: '',
};

export type ScreeningFieldErrors = Partial<Record<keyof ScreeningFormValues, string>>;

// The same shapes the API accepts (KryptogoScreeningRequest); the API and KryptoGO check again.
const ETH_ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BTC_BASE58 = /^[13][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const BTC_BECH32 = /^bc1[02-9ac-hj-np-z]{6,87}$/;
const ALPHA3 = /^[A-Z]{3}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `eth` / `btc` when the address has that chain's shape, else null. */
export function chainOfAddress(address: string): 'eth' | 'btc' | null {
  const value = address.trim();
  if (ETH_ADDRESS.test(value)) return 'eth';
  if (BTC_BASE58.test(value) || BTC_BECH32.test(value)) return 'btc';
  return null;
}

const optional = (value: string) => {
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
};

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/**
 * Field errors in words a reviewer can act on, or the request body to send. The body is finally parsed
 * with the contract's own schema, so nothing the API would refuse leaves the browser.
 */
export function validateScreening(
  values: ScreeningFormValues,
  today: Date = new Date(),
): { errors: ScreeningFieldErrors; request: KryptogoScreeningRequest | null } {
  const errors: ScreeningFieldErrors = {};
  const customerReference = optional(values.customerReference);
  if (customerReference && customerReference.length > 100)
    errors.customerReference = 'At most 100 characters.';
  let body: Record<string, unknown>;

  if (values.kind === 'dd_person') {
    const name = values.name.trim();
    if (!name) errors.name = 'Enter the person’s full name.';
    else if (name.length > 200) errors.name = 'At most 200 characters.';
    const birthday = optional(values.birthday);
    if (birthday && !isRealDate(birthday)) errors.birthday = 'Use a real date as YYYY-MM-DD.';
    else if (birthday && birthday > today.toISOString().slice(0, 10))
      errors.birthday = 'The date of birth is in the future.';
    const citizenship = optional(values.citizenship)?.toUpperCase();
    if (citizenship && !ALPHA3.test(citizenship))
      errors.citizenship = 'Three-letter ISO 3166 code, e.g. TWN or USA.';
    const idNumber = optional(values.idNumber);
    if (idNumber && idNumber.length > 64) errors.idNumber = 'At most 64 characters.';
    body = {
      type: 'dd_person',
      name,
      birthday,
      citizenship,
      gender: values.gender || undefined,
      idNumber,
      customerReference,
    };
  } else if (values.kind === 'dd_company') {
    const companyName = values.companyName.trim();
    if (!companyName) errors.companyName = 'Enter the company’s registered name.';
    else if (companyName.length > 200) errors.companyName = 'At most 200 characters.';
    const registrationNumber = optional(values.registrationNumber);
    if (registrationNumber && registrationNumber.length > 64)
      errors.registrationNumber = 'At most 64 characters.';
    const country = optional(values.country)?.toUpperCase();
    if (country && !ALPHA3.test(country)) errors.country = 'Three-letter ISO 3166 code, e.g. TWN or SGP.';
    body = { type: 'dd_company', companyName, registrationNumber, country, customerReference };
  } else {
    const address = values.address.trim();
    const chain = chainOfAddress(address);
    if (!address) errors.address = 'Enter a Bitcoin or Ethereum address.';
    else if (!chain)
      errors.address =
        'Not a BTC or ETH address: Ethereum is 0x followed by 40 hex characters; Bitcoin starts with 1, 3 or bc1.';
    else if (values.chain && values.chain !== chain)
      errors.chain = `This looks like ${chain === 'eth' ? 'an Ethereum' : 'a Bitcoin'} address, not ${
        values.chain === 'eth' ? 'Ethereum' : 'Bitcoin'
      }.`;
    body = { type: 'kya', address, chain: values.chain || undefined };
  }

  if (Object.keys(errors).length > 0) return { errors, request: null };
  const parsed = KryptogoScreeningRequest.safeParse(
    Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined)),
  );
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'name') as keyof ScreeningFormValues;
      errors[key] ??= issue.message;
    }
    return { errors, request: null };
  }
  return { errors, request: parsed.data };
}
