import { lineRows, request, schedule, seatLine } from './billing-schedule-fixtures.ts';

const odooTerms = {
  installments: [
    { percent: '30', due: { type: 'on-invoice' } },
    { percent: '70', due: { type: 'day-of-following-month', day: 31 } },
  ],
};

describe('billing schedule: payment terms', () => {
  test("Odoo's installment terms: 30% now + the balance on day 31 of the following month (clamped to 29 Feb 2024)", () => {
    const line = { id: 'x', type: 'one-time', startDate: '2024-01-15', quantity: '1', unitPrice: '1000.00' };
    const invoice = schedule(request({ paymentTerms: odooTerms }, [line])).invoices[0];
    expect(invoice?.installments).toEqual([
      { dueDate: '2024-01-15', amount: '300.00', percent: '30' },
      { dueDate: '2024-02-29', amount: '700.00', percent: '70' },
    ]);
    expect(invoice?.dueDate).toBe('2024-02-29');
  });

  test('installments split by largest remainder: 100.01 at 30/70 -> 30.00 + 70.01', () => {
    const line = { id: 'x', type: 'one-time', startDate: '2024-03-10', quantity: '1', unitPrice: '100.01' };
    const invoice = schedule(request({ paymentTerms: odooTerms }, [line])).invoices[0];
    expect(invoice?.installments.map((part) => [part.dueDate, part.amount])).toEqual([
      ['2024-03-10', '30.00'],
      ['2024-04-30', '70.01'],
    ]);
  });

  test('equal remainders give the extra cent to the earlier installment (0.01 at 50/50 -> 0.01 + 0.00)', () => {
    const terms = {
      installments: [
        { percent: '50', due: { type: 'days-after-invoice', days: 15 } },
        { percent: '50', due: { type: 'days-after-invoice', days: 45 } },
      ],
    };
    const line = { id: 'x', type: 'one-time', startDate: '2024-12-20', quantity: '1', unitPrice: '0.01' };
    const invoice = schedule(request({ paymentTerms: terms }, [line])).invoices[0];
    expect(invoice?.installments.map((part) => [part.dueDate, part.amount])).toEqual([
      ['2025-01-04', '0.01'],
      ['2025-02-03', '0.00'],
    ]);
    expect(invoice?.dueDate).toBe('2025-02-03');
  });

  test('netDays is one installment due N days after the invoice date; 0 is due on the invoice date', () => {
    expect(schedule(request({ paymentTerms: { netDays: 45 } })).invoices[0]?.installments).toEqual([
      { dueDate: '2022-04-29', amount: '100.00', percent: '100' },
    ]);
    expect(schedule(request({ paymentTerms: { netDays: 0 } })).invoices[0]?.dueDate).toBe('2022-03-15');
  });

  test('day-of-following-month from a December invoice falls in January of the next year', () => {
    const terms = { installments: [{ percent: '100', due: { type: 'day-of-following-month', day: 10 } }] };
    const line = { id: 'x', type: 'one-time', startDate: '2024-12-31', quantity: '1', unitPrice: '5' };
    expect(schedule(request({ paymentTerms: terms }, [line])).invoices[0]?.dueDate).toBe('2025-01-10');
  });
});

describe('billing schedule: cancellation', () => {
  const cancelOn = (date: string): Record<string, unknown> => ({ cancellation: { effectiveDate: date } });

  test('in advance: no invoice on/after the effective date; the billed period running past it is credited its unused days', () => {
    const response = schedule(request({}, [seatLine()], cancelOn('2022-06-10')));
    expect(response.invoices.map((invoice) => invoice.invoiceDate)).toEqual(['2022-03-15', '2022-04-15', '2022-05-15']);
    // 2022-06-10..06-14 is 5 of the 31 days of the billed period 05-15..06-14.
    expect(response.creditNotes).toEqual([
      {
        date: '2022-06-10',
        lines: [
          {
            lineId: 's1',
            sku: 'CRM-SEAT',
            periodStart: '2022-06-10',
            periodEnd: '2022-06-14',
            quantity: '1',
            amount: '16.13',
          },
        ],
        total: '16.13',
      },
    ]);
    expect(response.totals).toEqual({ invoiced: '300.00', credited: '16.13', net: '283.87' });
  });

  test('in arrears: one invoice dated the effective date for the served part of the last period, no credit note', () => {
    const response = schedule(request({ timing: 'arrears' }, [seatLine()], cancelOn('2022-06-10')));
    expect(lineRows(response)).toEqual([
      ['2022-04-15', '2022-03-15', '2022-04-14', '100.00'],
      ['2022-05-15', '2022-04-15', '2022-05-14', '100.00'],
      // 05-15..06-09 is 26 of the 31 days of the anchored period 05-15..06-14.
      ['2022-06-10', '2022-05-15', '2022-06-09', '83.87'],
    ]);
    expect(response.creditNotes).toEqual([]);
  });

  test('in arrears, a cancellation on a period boundary bills that last period in full on the effective date', () => {
    const response = schedule(request({ timing: 'arrears' }, [seatLine()], cancelOn('2022-05-15')));
    expect(lineRows(response)).toEqual([
      ['2022-04-15', '2022-03-15', '2022-04-14', '100.00'],
      ['2022-05-15', '2022-04-15', '2022-05-14', '100.00'],
    ]);
  });

  test('in advance, a cancellation on a period boundary credits nothing', () => {
    const response = schedule(request({}, [seatLine()], cancelOn('2022-06-15')));
    expect(response.invoices).toHaveLength(3);
    expect(response.creditNotes).toEqual([]);
    expect(response.totals.credited).toBe('0.00');
  });

  test('a partial billed period is credited by its own days: 17-day 54.84 cancelled on 03-20 -> 12/17 x 54.84 = 38.71', () => {
    const response = schedule(
      request({ anchor: { type: 'day-of-month', day: 1 } }, [seatLine()], cancelOn('2022-03-20')),
    );
    expect(response.invoices.map((invoice) => invoice.total)).toEqual(['54.84']);
    expect(response.creditNotes[0]?.lines[0]).toMatchObject({
      periodStart: '2022-03-20',
      periodEnd: '2022-03-31',
      amount: '38.71',
    });
  });

  test('upfront in advance cancelled mid-term: credit unused days of the whole term', () => {
    // 2022-03-15..2023-03-14 is 365 days; 2022-09-15..2023-03-14 is 181 of them: 1200 x 181/365 = 595.07.
    const response = schedule(request({ frequency: 'upfront' }, [seatLine()], cancelOn('2022-09-15')));
    expect(response.creditNotes[0]?.total).toBe('595.07');
    expect(response.totals.net).toBe('604.93');
  });

  test('a one-time item dated on/after the effective date is not billed; a line starting after it bills nothing', () => {
    const setup = { id: 'o1', type: 'one-time', startDate: '2022-07-01', quantity: '1', unitPrice: '500' };
    const later = seatLine({ id: 'later', startDate: '2022-08-01' });
    const response = schedule(request({}, [seatLine(), setup, later], cancelOn('2022-06-10')));
    expect(response.invoices.flatMap((invoice) => invoice.lines.map((line) => line.lineId))).toEqual([
      's1',
      's1',
      's1',
    ]);
  });

  test('a cancellation after the term ends changes nothing', () => {
    const plain = schedule(request({}));
    expect(schedule(request({}, [seatLine()], cancelOn('2024-01-01')))).toEqual(plain);
  });
});
