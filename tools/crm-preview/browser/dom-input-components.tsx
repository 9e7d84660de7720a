/// <reference lib="dom" />
import { useState, type CSSProperties } from 'react';
import { fieldInput, fieldLabel, font, type Children } from './dom-styles.ts';

/** Buttons and form fields (HubSpot docs "UI components" reference pages). */
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
