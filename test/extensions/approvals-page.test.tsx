import { Button, Text } from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';
import { ApprovalsPage } from '../../extensions/app/pages/ApprovalsPage.tsx';
import { installFetchFake } from './card-fetch-fake.ts';

const ITEM = {
  requestId: 'r1',
  quoteId: 'q1',
  dealId: '123',
  quoteTitle: 'Acme rollout',
  currency: 'USD',
  netTotal: '5500.00',
  submittedBy: 7,
  submittedAt: '2026-12-02T10:00:00.000Z',
  rules: [{ ruleId: 'discount', name: 'Discount above 20%', level: 1 }],
};

describe('Approvals app page', () => {
  test('lists what waits for the approver with the amount as sent, and approving calls the decision API', async () => {
    let pending = [ITEM];
    const { calls } = installFetchFake([
      ['GET', '/api/v1/approvals/pending', () => ({ status: 200, body: { items: pending } })],
      [
        'POST',
        '/api/v1/approval-requests/r1/decision',
        () => {
          pending = [];
          return {
            status: 200,
            body: { requestId: 'r1', outcome: 'approved', quoteStatus: 'approved', decidedRules: ['discount'] },
          };
        },
      ],
    ]);
    const { render, findByTestId, waitFor } = createRenderer('crm.record.tab');
    render(<ApprovalsPage />);
    await waitFor(() => expect(findByTestId(Text, 'approval-total-r1').text).toBe('5500.00 USD · deal 123'));
    findByTestId(Button, 'approve-r1').trigger('onClick');
    await waitFor(() => expect(findByTestId(Text, 'approvals-message').text).toBe('Quote approved'));
    expect(calls.filter((c) => c.method === 'POST').map((c) => [c.url, c.body])).toEqual([
      ['https://cpq.example.com/api/v1/approval-requests/r1/decision', { decision: 'approve' }],
    ]);
  });
});
