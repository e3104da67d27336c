import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installFakeApi, jsonResponse } from '../../test/fakeApi';
import { caseActionView as actionView, caseDetail } from '../../test/fixtures';
import { renderApp } from '../../test/render';

const health = { status: 'ok', version: 'test', database: { migrations: 1 }, providers: {} };
const reasonCodes = [
  { code: 'document_expired', label: 'Document expired', appliesTo: ['decline'], active: true },
  { code: 'documents_verified', label: 'Documents verified', appliesTo: ['approve'], active: true },
  { code: 'old_reason', label: 'Retired reason', appliesTo: ['decline'], active: false },
  { code: 'confirmed_fraud', label: 'Confirmed fraud', appliesTo: ['blocklist', 'decline'], active: true },
  { code: 'blurry_document', label: 'Blurry document', appliesTo: ['request_resubmission'], active: true },
];
const fourEyes = { actions: ['blocklist'], reversals: true, riskScoreAtLeast: null };

interface SentAction {
  body: unknown;
  ifMatch: string | null;
  key: string | null;
}

/** The fake fetch only sees URLs; the action endpoint is stubbed separately to capture headers and body. */
function installWithActionEndpoint(
  answer: (attempt: number) => Response | Promise<Response>,
  detailAfter?: () => unknown,
) {
  const sent: SentAction[] = [];
  let detailCalls = 0;
  const api = installFakeApi({
    '/api/health': () => jsonResponse(health),
    '/api/reason-codes': () => jsonResponse(reasonCodes),
    '/api/settings/four-eyes': () => jsonResponse(fourEyes),
    '/api/users/assignable': () => jsonResponse([]),
    '/api/cases/41': () => {
      detailCalls += 1;
      return jsonResponse(detailCalls > 1 && detailAfter ? detailAfter() : caseDetail());
    },
  });
  const fake = globalThis.fetch as ReturnType<typeof vi.fn>;
  const original = fake.getMockImplementation() as (
    input: RequestInfo | URL,
    init?: RequestInit,
  ) => Promise<Response>;
  fake.mockImplementation(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/api/cases/41/actions') {
      const headers = new Headers(init?.headers);
      sent.push({
        body: JSON.parse(String(init?.body)),
        ifMatch: headers.get('if-match'),
        key: headers.get('idempotency-key'),
      });
      return answer(sent.length);
    }
    return original(input, init);
  });
  return { api, sent };
}

async function openDialog(name: string) {
  renderApp('/cases/41');
  await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
  if (name === 'Approve' || name === 'Decline') {
    fireEvent.click(screen.getByRole('button', { name }));
  } else {
    fireEvent.click(screen.getByRole('button', { name: 'More actions' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: `${name}…` }));
  }
  return screen.findByRole('dialog');
}

function reasonInput(dialog: HTMLElement): HTMLInputElement {
  return within(dialog)
    .getAllByLabelText(/^Reason/)
    .find((element) => element.tagName === 'INPUT') as HTMLInputElement;
}

async function pickReason(dialog: HTMLElement, label: string) {
  fireEvent.click(reasonInput(dialog));
  fireEvent.click(await screen.findByRole('option', { name: label }));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('action dialogs', () => {
  it('offers only active reason codes that apply to the action and says what the provider will be told', async () => {
    installWithActionEndpoint(() => jsonResponse({}, 500));
    const dialog = await openDialog('Decline');
    expect(within(dialog).getByText('Didit will be told: Declined.')).toBeTruthy();
    fireEvent.click(reasonInput(dialog));
    await screen.findByRole('option', { name: 'Document expired' });
    const options = screen.getAllByRole('option').map((option) => option.textContent);
    expect(options).toEqual(['Document expired', 'Confirmed fraud']);
    // No four-eyes rule covers a plain decline.
    expect(within(dialog).queryByText('Four-eyes: needs a second person')).toBeNull();
  });

  it('validates with the contract before sending: a reason is required', async () => {
    const { sent } = installWithActionEndpoint(() => jsonResponse({}, 500));
    const dialog = await openDialog('Decline');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline case' }));
    expect(await within(dialog).findByText('Choose a reason.')).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('shows the four-eyes notice for a blocklist and requires face or document', async () => {
    const { sent } = installWithActionEndpoint(() => jsonResponse({}, 500));
    const dialog = await openDialog('Blocklist');
    expect(await within(dialog).findByText('Four-eyes: needs a second person')).toBeTruthy();
    await pickReason(dialog, 'Confirmed fraud');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add to blocklist' }));
    expect(
      await within(dialog).findByText(
        'Choose at least one of the face, the document, the phone number and the e-mail address.',
      ),
    ).toBeTruthy();
    expect(sent).toHaveLength(0);
  });

  it('offers the nodes the session ran, failed and declined first, and sends their node ids', async () => {
    const { sent } = installWithActionEndpoint(() =>
      jsonResponse({ action: actionView({ type: 'request_resubmission' }), case: null }, 202),
    );
    const dialog = await openDialog('Request resubmission');
    const steps = within(dialog)
      .getAllByRole('checkbox')
      .map((box) => box.getAttribute('value'));
    expect(steps).toEqual([
      'feature_ocr_2',
      'feature_face_match',
      'feature_aml',
      'feature_ocr',
      'feature_liveness',
      'feature_ip_analysis',
      'feature_biometric_authentication',
    ]);
    expect(within(dialog).getByText('feature_ocr_2 · OCR · Declined')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /Liveness/ }));
    expect(within(dialog).getByText(/asked to redo: Liveness/)).toBeTruthy();
    await pickReason(dialog, 'Blurry document');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Request resubmission' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({
      type: 'request_resubmission',
      reasonCode: 'blurry_document',
      nodes: [{ nodeId: 'feature_liveness', feature: 'LIVENESS' }],
    });
    // Seven node checkboxes on a whole-app render: on the shared two-core machine this alone nears 20 s.
  }, 45_000);

  it('reuses the idempotency key when the same submission is retried after a network error', async () => {
    const { sent } = installWithActionEndpoint((attempt) =>
      attempt === 1
        ? Promise.reject(new TypeError('Failed to fetch'))
        : jsonResponse({ action: actionView(), case: null }, 202),
    );
    const dialog = await openDialog('Decline');
    await pickReason(dialog, 'Document expired');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /Note/ }), {
      target: { value: 'Expired.' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline case' }));
    expect(await within(dialog).findByText('Not confirmed — submitting again is safe')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline case' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[0]!.key).toMatch(/^[0-9a-f-]{36}$/);
    expect(sent[1]!.key).toBe(sent[0]!.key);
    expect(sent[0]!.ifMatch).toBe('3');
    expect(sent[0]!.body).toEqual({ type: 'decline', reasonCode: 'document_expired', note: 'Expired.' });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('on 409 stale_version keeps the input, says what changed, and resubmits against the new version with a new key', async () => {
    const changed = () =>
      caseDetail({
        version: 4,
        assignee: { id: 'user-2', name: 'Sam Second-Analyst' },
        actions: [
          actionView({
            id: 3,
            type: 'provider_comment',
            reasonCode: null,
            reasonLabel: null,
            requestedBy: { id: 'user-2', name: 'Sam Second-Analyst' },
          }),
        ],
      });
    const { sent } = installWithActionEndpoint(
      (attempt) =>
        attempt === 1
          ? jsonResponse({ code: 'stale_version', message: 'The case changed.', requestId: 'req-1' }, 409)
          : jsonResponse({ action: actionView(), case: null }, 202),
      changed,
    );
    const dialog = await openDialog('Decline');
    await pickReason(dialog, 'Document expired');
    const note = within(dialog).getByRole('textbox', { name: /Note/ });
    fireEvent.change(note, { target: { value: 'Keep me' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline case' }));

    expect(await within(dialog).findByText('This case changed while you were deciding')).toBeTruthy();
    expect(await within(dialog).findByText('Assignee: nobody → Sam Second-Analyst')).toBeTruthy();
    expect(within(dialog).getByText(/Sam Second-Analyst requested “Comment to provider”/)).toBeTruthy();
    expect((within(dialog).getByRole('textbox', { name: /Note/ }) as HTMLTextAreaElement).value).toBe(
      'Keep me',
    );
    expect((reasonInput(dialog) as HTMLInputElement).value).toBe('Document expired');
    expect(within(dialog).getByRole('button', { name: 'Decline case' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(within(dialog).getByRole('button', { name: 'I have reviewed the changes' }));
    // The case is now held by Sam: deciding it anyway is an explicit, recorded choice.
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Decide anyway' }));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Decline case' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.ifMatch).toBe('4');
    expect(sent[1]!.body).toMatchObject({ overrideAssignee: true });
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
  });
});

describe('permission-based visibility', () => {
  it('disables decisions for a user without cases:decide and hides manager controls from analysts', async () => {
    installFakeApi({
      '/api/auth/me': () =>
        jsonResponse({
          id: 'viewer',
          email: 'v@x.test',
          name: 'Viewer',
          role: 'analyst',
          permissions: ['cases:read'],
        }),
      '/api/health': () => jsonResponse(health),
      '/api/settings/four-eyes': () => jsonResponse(fourEyes),
      '/api/cases/41': () =>
        jsonResponse(
          caseDetail({
            actions: [
              actionView({ status: 'awaiting_approval', requestedBy: { id: 'someone', name: 'Someone' } }),
            ],
          }),
        ),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
    expect(screen.getByRole('button', { name: 'Approve' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Decline' }).hasAttribute('disabled')).toBe(true);
    const actions = screen.getByRole('region', { name: 'Actions' });
    expect(within(actions).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(screen.queryByRole('link', { name: 'Audit log' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Assign to me' })).toBeNull();
  });

  it("shows a manager Approve/Reject on others' four-eyes requests but not on their own", async () => {
    installFakeApi({
      '/api/auth/me': () =>
        jsonResponse({
          id: 'user-manager',
          email: 'm@x.test',
          name: 'Morgan Manager',
          role: 'manager',
          permissions: ['cases:read', 'cases:decide', 'actions:approve', 'actions:manage', 'audit:read'],
        }),
      '/api/health': () => jsonResponse(health),
      '/api/actions': () => jsonResponse([]),
      '/api/settings/four-eyes': () => jsonResponse(fourEyes),
      '/api/cases/41': () =>
        jsonResponse(
          caseDetail({
            actions: [
              actionView({
                id: 1,
                type: 'blocklist',
                status: 'awaiting_approval',
                requestedBy: { id: 'user-analyst', name: 'Alex Analyst' },
              }),
              actionView({
                id: 2,
                type: 'blocklist',
                status: 'awaiting_approval',
                requestedBy: { id: 'user-manager', name: 'Morgan Manager' },
              }),
            ],
          }),
        ),
    });
    renderApp('/cases/41');
    await screen.findByRole('heading', { name: 'Maria Lopez Garcia' });
    const cards = screen.getAllByLabelText('Blocklist action');
    const others = cards.find((card) => card.getAttribute('data-action-id') === '1')!;
    const own = cards.find((card) => card.getAttribute('data-action-id') === '2')!;
    expect(within(others).getByRole('button', { name: 'Approve' })).toBeTruthy();
    expect(within(own).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(within(own).getByText(/Your own request/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Audit log' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See full audit trail' }).getAttribute('href')).toBe(
      '/audit?caseId=41',
    );
  });

  it('answers a page opened by URL without permission with a 403 screen', async () => {
    installFakeApi({ '/api/health': () => jsonResponse(health) });
    renderApp('/admin/users');
    expect(await screen.findByText('You do not have access to this page')).toBeTruthy();
  });
});
