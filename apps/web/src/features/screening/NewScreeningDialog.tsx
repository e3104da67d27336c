import type { KryptogoScreeningRequest } from '@backoffice/contracts';
import { Alert, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiRequestError } from '../../api/client';
import { postKryptogoScreening } from '../../api/endpoints';
import { caseKeys } from '../../app/queryKeys';
import { describeError, ErrorState } from '../../components/ErrorState';
import { FormActions } from '../../components/FormActions';
import {
  EMPTY_SCREENING_FORM,
  type ScreeningFieldErrors,
  type ScreeningFormValues,
  type ScreeningKind,
  validateScreening,
} from './screeningForm';

const KIND_OPTIONS: Array<{ value: ScreeningKind; label: string }> = [
  { value: 'dd_person', label: 'Person (DD)' },
  { value: 'dd_company', label: 'Company (DD)' },
  { value: 'kya', label: 'Wallet address (KYA)' },
];

const KIND_HELP: Record<ScreeningKind, string> = {
  dd_person:
    'KryptoGO searches negative news, Dow Jones, Taiwan company and verdict records and sanction lists. Results arrive within minutes; the case opens at once.',
  dd_company:
    'KryptoGO screens the company across its five sources. Results arrive within minutes; the case opens at once.',
  kya: 'KryptoGO rates the address and lists its sanction matches and transactions. The result is immediate.',
};

const GENDER_OPTIONS = [
  { value: 'M', label: 'Male (M)' },
  { value: 'F', label: 'Female (F)' },
] as const;
const CHAIN_OPTIONS = [
  { value: 'eth', label: 'Ethereum (ETH)' },
  { value: 'btc', label: 'Bitcoin (BTC)' },
] as const;

/** Starts a KryptoGO screening and opens the case created for it. */
export function NewScreeningDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [values, setValues] = useState<ScreeningFormValues>(EMPTY_SCREENING_FORM);
  const [errors, setErrors] = useState<ScreeningFieldErrors>({});
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const mutation = useMutation({
    mutationFn: (request: KryptogoScreeningRequest) => postKryptogoScreening(request),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
      setValues(EMPTY_SCREENING_FORM);
      setErrors({});
      onClose();
      navigate(`/cases/${result.caseId}`);
    },
  });

  const set = <K extends keyof ScreeningFormValues>(key: K, value: ScreeningFormValues[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    setErrors((current) => ({ ...current, [key]: undefined }));
  };
  const input = (key: keyof ScreeningFormValues) => ({
    value: values[key],
    error: errors[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      set(key, event.currentTarget.value as ScreeningFormValues[typeof key]),
  });

  /** A three-letter country code, typed in capitals. */
  const countryCode = (key: 'citizenship' | 'country') => ({
    placeholder: 'TWN',
    description: 'ISO 3166 alpha-3',
    maxLength: 3,
    ...input(key),
    onChange: (event: React.ChangeEvent<HTMLInputElement>) =>
      set(key, event.currentTarget.value.toUpperCase()),
  });
  /** A choice that may be left out; cleared, the field holds '' ("not given"). */
  const optionalChoice = <K extends 'gender' | 'chain'>(
    key: K,
    data: ReadonlyArray<{ value: ScreeningFormValues[K]; label: string }>,
  ) => ({
    clearable: true,
    data,
    value: values[key] || null,
    onChange: (value: string | null) => set(key, (value ?? '') as ScreeningFormValues[K]),
    error: errors[key],
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const result = validateScreening(values);
    setErrors(result.errors);
    if (result.request) mutation.mutate(result.request);
  };

  const close = () => {
    if (mutation.isPending) return;
    mutation.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title="New KryptoGO screening" size="lg" centered>
      <form onSubmit={submit} noValidate aria-label="New screening">
        <Stack gap="sm">
          <SegmentedControl
            fullWidth
            data={KIND_OPTIONS}
            value={values.kind}
            onChange={(kind) => {
              setValues((current) => ({ ...current, kind: kind as ScreeningKind }));
              setErrors({});
              mutation.reset();
            }}
            aria-label="Screening type"
          />
          <Text size="xs" c="dimmed">
            {KIND_HELP[values.kind]}
          </Text>

          {values.kind === 'dd_person' && (
            <>
              <TextInput label="Full name" required autoComplete="off" data-autofocus {...input('name')} />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <TextInput label="Date of birth" type="date" {...input('birthday')} />
                <TextInput label="Citizenship" {...countryCode('citizenship')} />
                <Select
                  label="Gender"
                  placeholder="Not given"
                  {...optionalChoice('gender', GENDER_OPTIONS)}
                />
              </SimpleGrid>
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="ID number" autoComplete="off" {...input('idNumber')} />
                <TextInput
                  label="Customer reference"
                  description="Your id for this customer"
                  {...input('customerReference')}
                />
              </SimpleGrid>
            </>
          )}

          {values.kind === 'dd_company' && (
            <>
              <TextInput
                label="Company name"
                required
                autoComplete="off"
                data-autofocus
                {...input('companyName')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Registration number" autoComplete="off" {...input('registrationNumber')} />
                <TextInput label="Country" {...countryCode('country')} />
              </SimpleGrid>
              <TextInput
                label="Customer reference"
                description="Your id for this customer"
                {...input('customerReference')}
              />
            </>
          )}

          {values.kind === 'kya' && (
            <>
              <TextInput
                label="Address"
                required
                autoComplete="off"
                spellCheck={false}
                data-autofocus
                placeholder="0x… or bc1… / 1… / 3…"
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                {...input('address')}
              />
              <Select
                label="Chain"
                placeholder="Detect from the address"
                {...optionalChoice('chain', CHAIN_OPTIONS)}
              />
            </>
          )}

          {mutation.isError &&
            (isApiRequestError(mutation.error) && mutation.error.status === 400 ? (
              <Alert color="red" variant="light" title="KryptoGO or the server refused this screening">
                {describeError(mutation.error).text}
              </Alert>
            ) : (
              <ErrorState title="The screening could not be started" error={mutation.error} />
            ))}

          <FormActions onCancel={close} pending={mutation.isPending} gap="xs" mt="xs">
            Start screening
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}
