import type { CSSProperties, ReactNode } from 'react';

/** Shared props and Canvas-like styles of the preview's DOM components. */
export type Children = { children?: ReactNode; testId?: string };

export const GAP: Record<string, string> = {
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
export const ALERT_COLOURS: Record<string, string> = {
  info: '#e5f5f8',
  warning: '#fef8f0',
  danger: '#fde8e9',
  error: '#fde8e9',
  success: '#e5f8f6',
  tip: '#eaf0f6',
};
export const TAG_COLOURS: Record<string, string> = {
  default: '#eaf0f6',
  success: '#e5f8f6',
  warning: '#fef8f0',
  danger: '#fde8e9',
  error: '#fde8e9',
  info: '#e5f5f8',
};

export const font: CSSProperties = {
  fontFamily: 'Lexend Deca, Helvetica, Arial, sans-serif',
  fontSize: '14px',
  color: '#33475b',
};

export const fieldLabel: CSSProperties = {
  ...font,
  display: 'flex',
  flexDirection: 'column',
  gap: '4px',
  fontSize: '13px',
  fontWeight: 600,
};
export const fieldInput: CSSProperties = {
  ...font,
  padding: '6px 8px',
  border: '1px solid #cbd6e2',
  borderRadius: '3px',
  background: '#f5f8fa',
  fontWeight: 400,
};
