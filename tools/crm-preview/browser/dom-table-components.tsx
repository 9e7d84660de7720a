/// <reference lib="dom" />
import { font, type Children } from './dom-styles.ts';

/** The Table family (HubSpot docs "Table" component page), with its pagination row. */
export function Table(
  props: Children & {
    bordered?: boolean;
    density?: string;
    paginated?: boolean;
    pageCount?: number;
    page?: number;
    onPageChange?: (page: number) => void;
  },
) {
  const page = props.page ?? 1;
  const pageCount = props.pageCount ?? 1;
  return (
    <div>
      <table
        data-testid={props.testId}
        style={{
          ...font,
          borderCollapse: 'collapse',
          width: '100%',
          border: props.bordered ? '1px solid #cbd6e2' : undefined,
        }}
      >
        {props.children}
      </table>
      {props.paginated && pageCount > 1 ? (
        <div style={{ ...font, display: 'flex', gap: '8px', padding: '8px' }}>
          <button type="button" disabled={page <= 1} onClick={() => props.onPageChange?.(page - 1)}>
            ‹ Prev
          </button>
          <span>{`Page ${page} of ${pageCount}`}</span>
          <button type="button" disabled={page >= pageCount} onClick={() => props.onPageChange?.(page + 1)}>
            Next ›
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function TableHead(props: Children) {
  return <thead style={{ background: '#f5f8fa' }}>{props.children}</thead>;
}
export function TableBody(props: Children) {
  return <tbody>{props.children}</tbody>;
}
export function TableRow(props: Children) {
  return (
    <tr data-testid={props.testId} style={{ borderBottom: '1px solid #dfe3eb' }}>
      {props.children}
    </tr>
  );
}
export function TableHeader(props: Children) {
  return (
    <th style={{ textAlign: 'left', padding: '6px 8px', fontSize: '12px', textTransform: 'uppercase' }}>
      {props.children}
    </th>
  );
}
export function TableCell(props: Children) {
  return (
    <td data-testid={props.testId} style={{ padding: '6px 8px', verticalAlign: 'middle' }}>
      {props.children}
    </td>
  );
}
