import { lineRows, request, schedule, seatLine } from './billing-schedule-fixtures.ts';

const dayOne = { type: 'day-of-month', day: 1 };

describe('billing schedule: documented proration examples', () => {
  test('100.00/month from 2022-03-15 billed on the 1st in advance: first invoice 17/31 x 100 = 54.84, dated the start', () => {
    const response = schedule(request({ anchor: dayOne, paymentTerms: { netDays: 30 } }));
    const first = response.invoices[0];
    expect(first).toEqual({
      sequence: 1,
      invoiceDate: '2022-03-15',
      dueDate: '2022-04-14',
      lines: [
        {
          lineId: 's1',
          sku: 'CRM-SEAT',
          periodStart: '2022-03-15',
          periodEnd: '2022-03-31',
          quantity: '1',
          prorationFactor: '0.5483870967741935483870967741935483870968',
          amount: '54.84',
        },
      ],
      total: '54.84',
      installments: [{ dueDate: '2022-04-14', amount: '54.84', percent: '100' }],
    });
    expect(response.invoices[1]?.lines[0]).toMatchObject({
      periodStart: '2022-04-01',
      periodEnd: '2022-04-30',
      prorationFactor: '1',
      amount: '100.00',
    });
  });

  test("Lago's calendar billing: a 31.00 monthly plan starting on 15 August pays 17/31 of a month = 17.00", () => {
    const line = seatLine({ startDate: '2023-08-15', endDate: '2024-08-14', unitPrice: '31.00' });
    const rows = lineRows(schedule(request({ anchor: dayOne }, [line])));
    expect(rows[0]).toEqual(['2023-08-15', '2023-08-15', '2023-08-31', '17.00']);
    expect(rows[1]).toEqual(['2023-09-01', '2023-09-01', '2023-09-30', '31.00']);
  });

  test("Kill Bill's leading pro-ration with a billing day: 29.95/month from 2012-05-07, BCD 1 -> 25/31 = 24.15, then full months", () => {
    const line = seatLine({ startDate: '2012-05-07', endDate: '2012-08-31', unitPrice: '29.95' });
    expect(lineRows(schedule(request({ anchor: dayOne }, [line])))).toEqual([
      ['2012-05-07', '2012-05-07', '2012-05-31', '24.15'],
      ['2012-06-01', '2012-06-01', '2012-06-30', '29.95'],
      ['2012-07-01', '2012-07-01', '2012-07-31', '29.95'],
      ['2012-08-01', '2012-08-01', '2012-08-31', '29.95'],
    ]);
  });

  test('a leading and a trailing partial month of the same length sum to one month (17/31 + 14/31)', () => {
    const response = schedule(request({ anchor: dayOne }));
    const rows = lineRows(response);
    expect(rows).toHaveLength(13);
    expect(rows[12]).toEqual(['2023-03-01', '2023-03-01', '2023-03-14', '45.16']);
    expect(response.totals).toEqual({ invoiced: '1200.00', credited: '0.00', net: '1200.00' });
  });
});

describe('billing schedule: anchors and frequencies', () => {
  test('anchor on the start date: periods run 15th to 14th, each invoiced on its first day in advance', () => {
    const rows = lineRows(schedule(request({})));
    expect(rows).toHaveLength(12);
    expect(rows.slice(0, 2)).toEqual([
      ['2022-03-15', '2022-03-15', '2022-04-14', '100.00'],
      ['2022-04-15', '2022-04-15', '2022-05-14', '100.00'],
    ]);
    expect(rows[11]).toEqual(['2023-02-15', '2023-02-15', '2023-03-14', '100.00']);
  });

  test('in arrears an invoice is dated the day after its period ends', () => {
    const rows = lineRows(schedule(request({ timing: 'arrears' })));
    expect(rows[0]).toEqual(['2022-04-15', '2022-03-15', '2022-04-14', '100.00']);
    expect(rows[11]).toEqual(['2023-03-15', '2023-02-15', '2023-03-14', '100.00']);
  });

  test('a start on 31 January clamps to 28 February and returns to the 31st (31 Jan, 28 Feb, 31 Mar, 30 Apr)', () => {
    const line = seatLine({ startDate: '2023-01-31', endDate: '2023-05-30' });
    expect(lineRows(schedule(request({}, [line])))).toEqual([
      ['2023-01-31', '2023-01-31', '2023-02-27', '100.00'],
      ['2023-02-28', '2023-02-28', '2023-03-30', '100.00'],
      ['2023-03-31', '2023-03-31', '2023-04-29', '100.00'],
      ['2023-04-30', '2023-04-30', '2023-05-30', '100.00'],
    ]);
  });

  test('billing day 31 means month end: the period containing 10 Feb runs 31 Jan..27 Feb (18/28 of a month)', () => {
    const line = seatLine({ startDate: '2023-02-10', endDate: '2023-04-29' });
    const response = schedule(request({ anchor: { type: 'day-of-month', day: 31 } }, [line]));
    expect(lineRows(response)).toEqual([
      ['2023-02-10', '2023-02-10', '2023-02-27', '64.29'],
      ['2023-02-28', '2023-02-28', '2023-03-30', '100.00'],
      ['2023-03-31', '2023-03-31', '2023-04-29', '100.00'],
    ]);
    expect(response.invoices[0]?.lines[0]?.prorationFactor).toBe('0.6428571428571428571428571428571428571429');
  });

  test('quarterly on day 1: calendar quarters, the partial first and last quarters by days of their quarter', () => {
    // 1200.00 a year = 300.00 a quarter; 2024-02-15..03-31 is 46 of Q1 2024's 91 days; 2025-01-01..02-14 is 45 of 90.
    const line = seatLine({
      startDate: '2024-02-15',
      endDate: '2025-02-14',
      unitPrice: '1200.00',
      pricePeriodMonths: '12',
    });
    expect(lineRows(schedule(request({ frequency: 'quarterly', anchor: dayOne }, [line])))).toEqual([
      ['2024-02-15', '2024-02-15', '2024-03-31', '151.65'],
      ['2024-04-01', '2024-04-01', '2024-06-30', '300.00'],
      ['2024-07-01', '2024-07-01', '2024-09-30', '300.00'],
      ['2024-10-01', '2024-10-01', '2024-12-31', '300.00'],
      ['2025-01-01', '2025-01-01', '2025-02-14', '150.00'],
    ]);
  });

  test('semiannual on day 1: halves start in January and July', () => {
    // 2024-03-01..06-30 is 122 of the 182 days of H1 2024; 600.00 a half.
    const line = seatLine({
      startDate: '2024-03-01',
      endDate: '2024-12-31',
      unitPrice: '1200',
      pricePeriodMonths: '12',
    });
    expect(lineRows(schedule(request({ frequency: 'semiannual', anchor: dayOne }, [line])))).toEqual([
      ['2024-03-01', '2024-03-01', '2024-06-30', '402.20'],
      ['2024-07-01', '2024-07-01', '2024-12-31', '600.00'],
    ]);
  });

  test('annual on day 1: years start in January; a July start pays 184/365 of the year', () => {
    const line = seatLine({
      startDate: '2023-07-01',
      endDate: '2024-12-31',
      unitPrice: '1200',
      pricePeriodMonths: '12',
    });
    expect(lineRows(schedule(request({ frequency: 'annual', anchor: dayOne }, [line])))).toEqual([
      ['2023-07-01', '2023-07-01', '2023-12-31', '604.93'],
      ['2024-01-01', '2024-01-01', '2024-12-31', '1200.00'],
    ]);
  });

  test('quarterly anchored on the start: quarters from the start date, the price scaled by 3/pricePeriodMonths', () => {
    const line = seatLine({ startDate: '2022-03-15', endDate: '2022-09-14', unitPrice: '50', quantity: '2' });
    expect(lineRows(schedule(request({ frequency: 'quarterly' }, [line])))).toEqual([
      ['2022-03-15', '2022-03-15', '2022-06-14', '300.00'],
      ['2022-06-15', '2022-06-15', '2022-09-14', '300.00'],
    ]);
  });

  test('upfront in advance: one invoice on the start date for the whole term', () => {
    const rows = lineRows(schedule(request({ frequency: 'upfront' })));
    expect(rows).toEqual([['2022-03-15', '2022-03-15', '2023-03-14', '1200.00']]);
  });

  test('upfront over a partial month: 1 month + 14/29 of the next (2024-01-01..02-14) = 148.28; in arrears dated the day after', () => {
    const line = seatLine({ startDate: '2024-01-01', endDate: '2024-02-14' });
    expect(lineRows(schedule(request({ frequency: 'upfront' }, [line])))).toEqual([
      ['2024-01-01', '2024-01-01', '2024-02-14', '148.28'],
    ]);
    expect(lineRows(schedule(request({ frequency: 'upfront', timing: 'arrears' }, [line])))[0]?.[0]).toBe('2024-02-15');
  });

  test('a line shorter than one period inside a month: its days over the anchored month', () => {
    const line = seatLine({ startDate: '2022-03-15', endDate: '2022-03-20' });
    expect(lineRows(schedule(request({ anchor: dayOne }, [line])))).toEqual([
      ['2022-03-15', '2022-03-15', '2022-03-20', '19.35'],
    ]);
  });

  test("an annual price billed monthly: each month is rounded on its own and the last month takes the line's rounding difference", () => {
    const line = seatLine({ unitPrice: '1000.00', pricePeriodMonths: '12' });
    const rows = lineRows(schedule(request({}, [line])));
    expect(rows.slice(0, 11).map((row) => row[3])).toEqual(Array.from({ length: 11 }, () => '83.33'));
    expect(rows[11]?.[3]).toBe('83.37');
  });
});

describe('billing schedule: invoices, one-time items, rounding', () => {
  test('a one-time item is billed on its start date and shares the invoice of a recurring line on that date', () => {
    const onboarding = {
      id: 'o1',
      sku: 'ONBOARD',
      type: 'one-time',
      startDate: '2022-03-15',
      quantity: '2',
      unitPrice: '250',
    };
    const response = schedule(request({ anchor: dayOne }, [seatLine(), onboarding]));
    expect(
      response.invoices[0]?.lines.map((line) => [line.lineId, line.periodStart, line.periodEnd, line.amount]),
    ).toEqual([
      ['s1', '2022-03-15', '2022-03-31', '54.84'],
      ['o1', '2022-03-15', '2022-03-15', '500.00'],
    ]);
    expect(response.invoices[0]?.total).toBe('554.84');
    expect(response.invoices).toHaveLength(13);
  });

  test('one-time items on their own date get their own invoice; invoices are numbered by date, not by line order', () => {
    const late = seatLine({ id: 'late', startDate: '2022-05-01', endDate: '2022-05-31' });
    const early = { id: 'hw', type: 'one-time', startDate: '2022-04-20', quantity: '1', unitPrice: '999.99' };
    const first = seatLine({ id: 'first', startDate: '2022-04-01', endDate: '2022-04-30' });
    const response = schedule(request({}, [late, early, first]));
    expect(response.invoices.map((invoice) => [invoice.sequence, invoice.invoiceDate, invoice.total])).toEqual([
      [1, '2022-04-01', '100.00'],
      [2, '2022-04-20', '999.99'],
      [3, '2022-05-01', '100.00'],
    ]);
  });

  test('two recurring lines on the same anchor share every invoice; lines keep request order', () => {
    const a = seatLine({ id: 'a', unitPrice: '10' });
    const b = seatLine({ id: 'b', unitPrice: '20', quantity: '3' });
    const response = schedule(request({}, [a, b]));
    expect(response.invoices).toHaveLength(12);
    expect(response.invoices[5]?.lines.map((line) => line.lineId)).toEqual(['a', 'b']);
    expect(response.invoices[5]?.total).toBe('70.00');
  });

  test('half-up rounds 0.125 to 0.13, half-even to 0.12', () => {
    const line = seatLine({ unitPrice: '0.125', endDate: '2022-04-14' });
    expect(schedule(request({}, [line])).invoices[0]?.total).toBe('0.13');
    expect(schedule(request({}, [line], { roundingMode: 'half-even' })).invoices[0]?.total).toBe('0.12');
  });

  test('amounts round to the currency minor units: JPY 1000 x 17/31 = 548', () => {
    const line = seatLine({ unitPrice: '1000', endDate: '2022-03-31' });
    const response = schedule(request({ anchor: dayOne }, [line], { currency: 'JPY' }));
    expect([response.currency, response.invoices[0]?.total]).toEqual(['JPY', '548']);
  });

  test('an empty line list is a valid request with no invoices', () => {
    expect(schedule(request({}, []))).toEqual({
      currency: 'USD',
      invoices: [],
      creditNotes: [],
      totals: { invoiced: '0.00', credited: '0.00', net: '0.00' },
    });
  });
});
