import {
  Button,
  Input,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { QuoteLineView, QuoteView } from '../api/card-api-schemas.ts';

export const LINES_PER_PAGE = 25;

export interface LineEdit {
  quantity?: string;
  discountPercent?: string;
  termMonths?: string;
}

interface Props {
  quote: QuoteView;
  page: number;
  disabled: boolean;
  onPageChange: (page: number) => void;
  onEdit: (line: QuoteLineView, edit: LineEdit) => void;
  onRemove: (line: QuoteLineView) => void;
  onShowWaterfall: (line: QuoteLineView) => void;
}

/** Prices shown exactly as the API sent them: the card does no money arithmetic. */
const price = (value: string | null, currency: string): string => (value === null ? '—' : `${value} ${currency}`);

/** One page of a quote's lines (the backend pages them; 1,000 lines = 40 pages of 25). */
export function QuoteLinesTable({ quote, page, disabled, onPageChange, onEdit, onRemove, onShowWaterfall }: Props) {
  const pageCount = Math.max(1, Math.ceil(quote.lines.total / LINES_PER_PAGE));
  return (
    <Table
      paginated={true}
      pageCount={pageCount}
      page={page}
      onPageChange={onPageChange}
      showFirstLastButtons={true}
      bordered={true}
      density="condensed"
    >
      <TableHead>
        <TableRow>
          <TableHeader>Product</TableHeader>
          <TableHeader>Quantity</TableHeader>
          <TableHeader>Discount %</TableHeader>
          <TableHeader>Term (months)</TableHeader>
          <TableHeader>List</TableHeader>
          <TableHeader>Regular</TableHeader>
          <TableHeader>Net</TableHeader>
          <TableHeader>Line total</TableHeader>
          <TableHeader> </TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {quote.lines.items.map((line) => (
          <TableRow key={line.id}>
            <TableCell>
              <Text>{`${line.name} (${line.sku})`}</Text>
            </TableCell>
            <TableCell>
              <Input
                testId={`quantity-${line.id}`}
                name={`quantity-${line.id}`}
                label="Quantity"
                value={line.quantity}
                readOnly={disabled}
                onBlur={(value) => value !== line.quantity && onEdit(line, { quantity: value })}
              />
            </TableCell>
            <TableCell>
              <Input
                testId={`discount-${line.id}`}
                name={`discount-${line.id}`}
                label="Discount %"
                value={
                  line.additionalDiscount && 'percent' in line.additionalDiscount ? line.additionalDiscount.percent : ''
                }
                readOnly={disabled}
                onBlur={(value) => onEdit(line, { discountPercent: value })}
              />
            </TableCell>
            <TableCell>
              <Input
                testId={`term-${line.id}`}
                name={`term-${line.id}`}
                label="Term"
                value={line.termMonths ?? ''}
                readOnly={disabled}
                onBlur={(value) => value !== (line.termMonths ?? '') && onEdit(line, { termMonths: value })}
              />
            </TableCell>
            <TableCell>{price(line.listUnitPrice, quote.currency)}</TableCell>
            <TableCell>{price(line.regularUnitPrice, quote.currency)}</TableCell>
            <TableCell>{price(line.netUnitPrice, quote.currency)}</TableCell>
            <TableCell>
              <Text testId={`total-${line.id}`}>{price(line.netTotal, quote.currency)}</Text>
            </TableCell>
            <TableCell>
              <Button
                testId={`waterfall-${line.id}`}
                size="xs"
                variant="transparent"
                onClick={() => onShowWaterfall(line)}
              >
                Why this price?
              </Button>
              <Button
                testId={`remove-${line.id}`}
                size="xs"
                variant="transparent"
                disabled={disabled}
                onClick={() => onRemove(line)}
              >
                Remove
              </Button>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
