/// <reference lib="dom" />
import type { CSSProperties } from 'react';
import { font, GAP, ALERT_COLOURS, TAG_COLOURS, type Children } from './dom-styles.ts';

/** Layout and display components (HubSpot docs "UI components" reference pages). */
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
