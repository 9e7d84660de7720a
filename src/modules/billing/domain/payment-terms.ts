import { addDays, clampedDate, monthStart, type CivilDate } from '../../../kernel/calendar/calendar-date.ts';
import { allocateLargestRemainder } from '../../../kernel/money/allocate.ts';
import { Decimal } from '../../../kernel/money/money.ts';
import type { PaymentTerms } from './billing-schedule-schema.ts';

export interface Installment {
  dueDate: CivilDate;
  amount: Decimal;
  percent: Decimal;
}

/**
 * Splits an invoice total into its installments. `netDays` is one installment due N days after the
 * invoice date. Installments split the total by largest remainder over their percents (earlier
 * installment first on a tie), the way Odoo's payment terms do ("Payment Terms and Installment
 * Plans": e.g. 30% immediately, the balance on day 31 of the following month).
 */
export function installmentsFor(
  total: Decimal,
  invoiceDate: CivilDate,
  terms: PaymentTerms,
  minorUnits: number,
): Installment[] {
  if (terms.installments === undefined) {
    return [{ dueDate: addDays(invoiceDate, terms.netDays ?? 0), amount: total, percent: new Decimal(100) }];
  }
  const percents = terms.installments.map((part) => new Decimal(part.percent));
  const amounts = allocateLargestRemainder(total, percents, minorUnits);
  return terms.installments.map((part, index) => {
    const due = part.due;
    let dueDate: CivilDate;
    if (due.type === 'on-invoice') dueDate = invoiceDate;
    else if (due.type === 'days-after-invoice') dueDate = addDays(invoiceDate, due.days);
    else {
      const next = monthStart(invoiceDate, 1);
      dueDate = clampedDate(next.year, next.month, due.day);
    }
    return { dueDate, amount: amounts[index] ?? total, percent: percents[index] ?? new Decimal(100) };
  });
}
