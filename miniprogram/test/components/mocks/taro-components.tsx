/**
 * @tarojs/components as plain DOM for component tests: each component becomes the element it renders
 * as in H5, with the props the app uses (class, click, input value, disabled/loading).
 */
import type { ReactNode } from 'react';

type Common = { className?: string; children?: ReactNode; onClick?: () => void };

export const View = ({ className, children, onClick }: Common) => (
  <div className={className} onClick={onClick}>
    {children}
  </div>
);

export const Text = ({ className, children, onClick }: Common) => (
  <span className={className} onClick={onClick}>
    {children}
  </span>
);

export const Button = ({ className, children, onClick, disabled, loading }: Common & { disabled?: boolean; loading?: boolean; size?: string }) => (
  <button className={className} onClick={onClick} disabled={disabled === true} aria-busy={loading === true}>
    {children}
  </button>
);

export const Input = ({ className, value, placeholder, onInput }: { className?: string; value?: string; placeholder?: string; type?: string; onInput?: (e: { detail: { value: string } }) => void }) => (
  <input className={className} value={value} placeholder={placeholder} onChange={(e) => onInput?.({ detail: { value: e.target.value } })} />
);

export const Switch = ({ className, checked, onChange }: { className?: string; checked?: boolean; color?: string; onChange?: (e: { detail: { value: boolean } }) => void }) => (
  <input type="checkbox" className={className} checked={checked} onChange={(e) => onChange?.({ detail: { value: e.target.checked } })} />
);

export const Picker = ({ children }: { children?: ReactNode }) => <div>{children}</div>;
