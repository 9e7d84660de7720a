/// <reference lib="dom" />
/**
 * A DOM stand-in for `@hubspot/ui-extensions`, used only by the local CRM preview (esbuild aliases the
 * package to this file). Components follow the props documented in HubSpot's "UI components" reference
 * pages; styling approximates HubSpot's Canvas look (HubSpot docs "UI extensions reference").
 * A component the preview lacks is simply not exported: esbuild then fails the card's bundle with
 * "No matching export ... for import X", which the deal page shows in a red box in the card's slot;
 * test/preview/preview-components.test.ts scans the card sources for such names.
 */
import { createContext, useContext, useState, type CSSProperties, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';

type Children = { children?: ReactNode; testId?: string };

export interface PreviewContext {
  objectId: string;
  objectTypeId: string;
  portalId: number;
  userId: number;
  userEmail: string;
}

declare global {
  interface Window {
    __CPQ_PREVIEW__: PreviewContext;
  }
}

const GAP: Record<string, string> = {
  flush: '0',
  xs: '4px',
  'extra-small': '4px',
  sm: '8px',
  small: '8px',
  md: '16px',
  medium: '16px',
  lg: '24px',
  large: '24px',
  xl: '32px',
};
const ALERT_COLOURS: Record<string, string> = {
  info: '#e5f5f8',
  warning: '#fef8f0',
  danger: '#fde8e9',
  error: '#fde8e9',
  success: '#e5f8f6',
  tip: '#eaf0f6',
};
const TAG_COLOURS: Record<string, string> = {
  default: '#eaf0f6',
  success: '#e5f8f6',
  warning: '#fef8f0',
  danger: '#fde8e9',
  error: '#fde8e9',
  info: '#e5f5f8',
};

const font: CSSProperties = {
  fontFamily: 'Lexend Deca, Helvetica, Arial, sans-serif',
  fontSize: '14px',
  color: '#33475b',
};

export function Flex(
  props: Children & { direction?: string; gap?: string; align?: string; justify?: string; wrap?: string | boolean },
) {
  const style: CSSProperties = {
    display: 'flex',
    flexDirection: props.direction === 'column' ? 'column' : 'row',
    gap: GAP[props.gap ?? 'flush'] ?? '0',
    alignItems: props.align === 'end' ? 'flex-end' : props.align === 'start' ? 'flex-start' : props.align,
    justifyContent: props.justify === 'between' ? 'space-between' : props.justify,
    flexWrap: props.wrap === true || props.wrap === 'wrap' ? 'wrap' : 'nowrap',
  };
  return (
    <div data-testid={props.testId} data-hs="Flex" style={style}>
      {props.children}
    </div>
  );
}

export function Box(props: Children & { flex?: number | string }) {
  return (
    <div data-testid={props.testId} data-hs="Box" style={{ flex: props.flex }}>
      {props.children}
    </div>
  );
}

export function Text(props: Children & { variant?: string; format?: { fontWeight?: string } }) {
  const micro = props.variant === 'microcopy';
  return (
    <p
      data-testid={props.testId}
      data-hs="Text"
      style={{
        ...font,
        margin: '0 0 4px',
        fontSize: micro ? '12px' : '14px',
        fontWeight: props.format?.fontWeight === 'bold' ? 600 : 400,
      }}
    >
      {props.children}
    </p>
  );
}

export function Heading(props: Children) {
  return (
    <h3 data-testid={props.testId} style={{ ...font, fontSize: '18px', margin: '0 0 8px' }}>
      {props.children}
    </h3>
  );
}

const buttonStyle = (variant: string | undefined, size: string | undefined): CSSProperties => ({
  ...font,
  padding: size === 'xs' || size === 'extra-small' ? '3px 10px' : '8px 16px',
  borderRadius: '3px',
  cursor: 'pointer',
  border: `1px solid ${variant === 'primary' ? '#ff7a59' : variant === 'destructive' ? '#f2545b' : '#cbd6e2'}`,
  background:
    variant === 'primary'
      ? '#ff7a59'
      : variant === 'destructive'
        ? '#f2545b'
        : variant === 'transparent'
          ? 'transparent'
          : '#f5f8fa',
  color:
    variant === 'primary' || variant === 'destructive' ? '#fff' : variant === 'transparent' ? '#0091ae' : '#33475b',
});

export function Button(
  props: Children & { onClick?: () => void; variant?: string; size?: string; disabled?: boolean; type?: string },
) {
  return (
    <button
      type="button"
      data-testid={props.testId}
      disabled={props.disabled}
      style={{ ...buttonStyle(props.variant, props.size), opacity: props.disabled ? 0.5 : 1 }}
      onClick={() => props.onClick?.()}
    >
      {props.children}
    </button>
  );
}

export function ButtonRow(props: Children) {
  return (
    <div data-hs="ButtonRow" style={{ display: 'flex', gap: '8px' }}>
      {props.children}
    </div>
  );
}

const fieldLabel: CSSProperties = {
  ...font,
  display: 'flex',
  flexDirection: 'column',
  gap: '4px',
  fontSize: '13px',
  fontWeight: 600,
};
const fieldInput: CSSProperties = {
  ...font,
  padding: '6px 8px',
  border: '1px solid #cbd6e2',
  borderRadius: '3px',
  background: '#f5f8fa',
  fontWeight: 400,
};

interface InputProps extends Children {
  name: string;
  label: string;
  value?: string;
  placeholder?: string;
  readOnly?: boolean;
  onChange?: (value: string) => void;
  onInput?: (value: string) => void;
  onBlur?: (value: string) => void;
}

export function Input(props: InputProps) {
  // HubSpot's Input is controlled by `value` when given; a local copy keeps typing responsive
  // while onBlur-only callers (no onChange) still see what was typed.
  const [local, setLocal] = useState<string | null>(null);
  const shown = local ?? props.value ?? '';
  return (
    <label style={fieldLabel}>
      {props.label}
      <input
        data-testid={props.testId}
        name={props.name}
        value={shown}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        style={fieldInput}
        onChange={(event) => {
          const value = event.target.value;
          setLocal(value);
          props.onChange?.(value);
          props.onInput?.(value);
        }}
        onBlur={(event) => {
          setLocal(null);
          props.onBlur?.(event.target.value);
        }}
      />
    </label>
  );
}

export function Select(
  props: Children & {
    name: string;
    label: string;
    value?: string | number;
    options: Array<{ label: string; value: string | number }>;
    onChange?: (value: string | number) => void;
  },
) {
  return (
    <label style={fieldLabel}>
      {props.label}
      <select
        data-testid={props.testId}
        name={props.name}
        value={props.value ?? ''}
        style={fieldInput}
        onChange={(event) => props.onChange?.(event.target.value)}
      >
        {props.options.map((option) => (
          <option key={String(option.value)} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Alert(props: Children & { title: string; variant?: string }) {
  return (
    <div
      data-testid={props.testId}
      role="alert"
      style={{
        ...font,
        padding: '12px 16px',
        borderLeft: '4px solid #33475b',
        background: ALERT_COLOURS[props.variant ?? 'info'] ?? '#e5f5f8',
      }}
    >
      <strong>{props.title}</strong>
      <div>{props.children}</div>
    </div>
  );
}

function StateBox(props: Children & { title: string; colour: string }) {
  return (
    <div
      data-testid={props.testId}
      style={{
        ...font,
        padding: '24px',
        textAlign: 'center',
        border: `1px dashed ${props.colour}`,
        borderRadius: '4px',
      }}
    >
      <h3 style={{ margin: '0 0 8px' }}>{props.title}</h3>
      <div style={{ display: 'flex', flexDirection: 'column', gap: '8px', alignItems: 'center' }}>{props.children}</div>
    </div>
  );
}

export function EmptyState(props: Children & { title: string; layout?: string }) {
  return <StateBox {...props} colour="#cbd6e2" />;
}

export function ErrorState(props: Children & { title: string; type?: string }) {
  return <StateBox {...props} colour="#f2545b" />;
}

export function LoadingSpinner(props: { label: string; layout?: string }) {
  return (
    <div role="status" style={{ ...font, padding: '16px', textAlign: 'center' }}>
      ⟳ {props.label}
    </div>
  );
}

export function Tag(props: Children & { variant?: string }) {
  return (
    <span
      data-testid={props.testId}
      style={{
        ...font,
        fontSize: '12px',
        padding: '2px 8px',
        borderRadius: '3px',
        marginRight: '4px',
        background: TAG_COLOURS[props.variant ?? 'default'] ?? '#eaf0f6',
      }}
    >
      {props.children}
    </span>
  );
}

export function StatusTag(props: Children & { variant?: string }) {
  return <Tag {...props} />;
}

export function DescriptionList(props: Children & { direction?: string }) {
  return (
    <dl
      style={{
        ...font,
        display: 'grid',
        gridTemplateColumns: props.direction === 'row' ? 'repeat(auto-fill, minmax(140px, 1fr))' : '1fr',
        gap: '8px',
        margin: 0,
      }}
    >
      {props.children}
    </dl>
  );
}

export function DescriptionListItem(props: Children & { label: string }) {
  return (
    <div data-testid={props.testId}>
      <dt style={{ fontSize: '12px', color: '#516f90' }}>{props.label}</dt>
      <dd style={{ margin: 0 }}>{props.children}</dd>
    </div>
  );
}

export function Statistics(props: Children) {
  return <div style={{ ...font, display: 'flex', gap: '24px', flexWrap: 'wrap' }}>{props.children}</div>;
}

export function StatisticsItem(props: Children & { label: string; number: string | number }) {
  return (
    <div data-testid={props.testId}>
      <div style={{ fontSize: '12px', color: '#516f90' }}>{props.label}</div>
      <div style={{ fontSize: '22px' }}>{props.number}</div>
      {props.children}
    </div>
  );
}

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

export function Divider() {
  return <hr style={{ border: 0, borderTop: '1px solid #dfe3eb', margin: '12px 0', width: '100%' }} />;
}

export function Tile(props: Children) {
  return (
    <div data-testid={props.testId} style={{ border: '1px solid #dfe3eb', borderRadius: '4px', padding: '16px' }}>
      {props.children}
    </div>
  );
}

export function NumberInput(
  props: Children & {
    name: string;
    label: string;
    value?: number;
    readOnly?: boolean;
    error?: boolean;
    validationMessage?: string;
    onChange?: (value: number | undefined) => void;
    onBlur?: (value: number | undefined) => void;
  },
) {
  const toNumber = (text: string) => (text.trim() === '' ? undefined : Number(text));
  return (
    <label style={fieldLabel}>
      {props.label}
      <input
        type="number"
        data-testid={props.testId}
        name={props.name}
        value={props.value ?? ''}
        readOnly={props.readOnly}
        style={{ ...fieldInput, borderColor: props.error ? '#f2545b' : '#cbd6e2' }}
        onChange={(event) => props.onChange?.(toNumber(event.target.value))}
        onBlur={(event) => props.onBlur?.(toNumber(event.target.value))}
      />
      {props.validationMessage ? (
        <span style={{ color: '#f2545b', fontWeight: 400 }}>{props.validationMessage}</span>
      ) : null}
    </label>
  );
}

/** The names above: the fidelity test compares card imports against this list. */
export const PREVIEW_COMPONENTS = [
  'Flex',
  'Box',
  'Text',
  'Heading',
  'Button',
  'ButtonRow',
  'Input',
  'Select',
  'Alert',
  'EmptyState',
  'ErrorState',
  'LoadingSpinner',
  'Tag',
  'StatusTag',
  'DescriptionList',
  'DescriptionListItem',
  'Statistics',
  'StatisticsItem',
  'Table',
  'TableHead',
  'TableBody',
  'TableRow',
  'TableHeader',
  'TableCell',
  'Divider',
  'Tile',
  'NumberInput',
] as const;

// ---- runtime: context, actions, fetch, extend ----

const Context = createContext<PreviewContext | null>(null);

export function useExtensionContext() {
  const value = useContext(Context) ?? window.__CPQ_PREVIEW__;
  return {
    crm: { objectId: Number(value.objectId), objectTypeId: value.objectTypeId },
    portal: { id: value.portalId, timezone: 'UTC' },
    user: { id: value.userId, email: value.userEmail, locale: 'en-US' },
    location: 'crm.record.tab',
  };
}

function showToast(alert: { title?: string; message: string; type?: string }): void {
  const toast = document.createElement('div');
  toast.setAttribute('role', 'status');
  toast.dataset.testid = 'preview-toast';
  toast.className = `toast toast-${alert.type ?? 'info'}`;
  toast.textContent = `${alert.title ? `${alert.title}: ` : ''}${alert.message}`;
  document.getElementById('toasts')?.appendChild(toast);
  setTimeout(() => toast.remove(), 6000);
}

export function useExtensionActions() {
  return {
    addAlert: showToast,
    refreshObjectProperties: () => window.dispatchEvent(new Event('preview:refresh')),
    openIframeModal: () => showToast({ type: 'warning', message: 'openIframeModal is not available in the preview' }),
  };
}

/** The backend origin cards call; the preview server signs and forwards everything under it. */
const PROXY_PATH = '/preview/proxy';

export const hubspot = {
  async fetch(url: string, options: { method?: string; body?: unknown; timeout?: number } = {}): Promise<Response> {
    const target = new URL(url);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error('timeout')), options.timeout ?? 15_000);
    try {
      return await fetch(`${PROXY_PATH}${target.pathname}${target.search}`, {
        method: options.method ?? 'GET',
        headers: options.body === undefined ? {} : { 'content-type': 'application/json' },
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: controller.signal,
      });
    } finally {
      clearTimeout(timer);
    }
  },
  extend(render: () => ReactNode): void {
    const slot =
      document.currentScript?.parentElement ?? document.querySelector('[data-card-slot]:not([data-mounted])');
    if (!(slot instanceof HTMLElement)) throw new Error('No card slot for hubspot.extend');
    slot.dataset.mounted = 'true';
    const target = slot.querySelector('.card-body') ?? slot;
    createRoot(target).render(<Context.Provider value={window.__CPQ_PREVIEW__}>{render()}</Context.Provider>);
  },
};
