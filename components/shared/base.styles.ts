// The SLDS patterns the components share: form elements, buttons, alerts, spinner, assistive text.
import { css } from 'lit';

export const base = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  .assistive-text {
    position: absolute !important;
    margin: -1px !important;
    border: 0 !important;
    padding: 0 !important;
    width: 1px !important;
    height: 1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
  }
  h2,
  h3 {
    margin: 0 0 var(--prm-space-x-small);
    font-weight: 700;
    font-size: var(--prm-font-size-large);
    line-height: 1.25;
  }
  h3 {
    font-size: var(--prm-font-size);
  }
  p {
    margin: 0 0 var(--prm-space-x-small);
  }
  .label {
    display: block;
    margin-bottom: var(--prm-space-xx-small);
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
  }
  .required {
    color: var(--prm-color-error);
    margin-right: 0.125rem;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    min-height: 2rem;
    padding: 0 var(--prm-space-small);
    border: 1px solid var(--slds-c-input-color-border, var(--lwc-colorBorderInput, #747474));
    border-radius: var(--prm-radius);
    background: var(--slds-c-input-color-background, var(--lwc-colorBackgroundInput, #ffffff));
  }
  textarea {
    padding: var(--prm-space-x-small) var(--prm-space-small);
    min-height: 4rem;
    resize: vertical;
  }
  input:focus,
  select:focus,
  textarea:focus {
    outline: 0;
    border-color: var(--prm-color-brand);
    box-shadow: var(--prm-focus-ring);
  }
  [aria-invalid='true'] {
    border-color: var(--prm-color-error);
    box-shadow: inset 0 0 0 1px var(--prm-color-error);
  }
  .field-error {
    margin-top: var(--prm-space-xx-small);
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-error);
  }
  button {
    font: inherit;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-height: 2rem;
    padding: 0 var(--prm-space-medium);
    border: 1px solid var(--slds-c-button-neutral-color-border, var(--lwc-buttonColorBorderPrimary, #c9c9c9));
    border-radius: var(--prm-radius);
    background: var(--slds-c-button-neutral-color-background, var(--lwc-buttonColorBackgroundPrimary, #ffffff));
    color: var(--slds-c-button-text-color, var(--prm-color-brand));
    cursor: pointer;
    white-space: nowrap;
  }
  button:hover:not(:disabled) {
    background: var(--prm-color-surface-alt);
  }
  button:focus-visible {
    outline: 0;
    box-shadow: var(--prm-focus-ring);
  }
  button:disabled {
    color: var(--slds-c-button-text-color-disabled, #5c5c5c);
    background: var(--prm-color-surface-alt);
    cursor: default;
  }
  button.brand {
    background: var(--slds-c-button-brand-color-background, var(--prm-color-brand));
    border-color: var(--slds-c-button-brand-color-border, var(--prm-color-brand));
    color: var(--slds-c-button-brand-text-color, #ffffff);
  }
  button.brand:hover:not(:disabled) {
    background: var(--prm-color-brand-dark);
  }
  button.brand:disabled {
    background: var(--prm-color-surface-alt);
    border-color: var(--prm-color-border);
    color: #5c5c5c;
  }
  button.destructive {
    background: var(--prm-color-error);
    border-color: var(--prm-color-error);
    color: #ffffff;
  }
  button.link {
    border: 0;
    background: none;
    padding: 0;
    min-height: 0;
    text-decoration: underline;
  }
  .alert {
    display: flex;
    gap: var(--prm-space-x-small);
    padding: var(--prm-space-x-small) var(--prm-space-small);
    border-radius: var(--prm-radius);
  }
  .alert.error {
    background: var(--prm-color-error);
    color: #ffffff;
  }
  .alert.warning {
    background: var(--prm-color-warning-bg);
    color: var(--prm-color-warning-text);
  }
  .alert.info {
    background: var(--prm-color-surface-alt);
    color: var(--prm-color-text);
  }
  .empty {
    color: var(--prm-color-text-weak);
  }
  .spinner {
    display: flex;
    align-items: center;
    gap: var(--prm-space-x-small);
    color: var(--prm-color-text-weak);
  }
  .spinner::before {
    content: '';
    width: 1rem;
    height: 1rem;
    border: 2px solid var(--prm-color-border);
    border-top-color: var(--prm-color-brand);
    border-radius: 50%;
    animation: prm-spin 0.8s linear infinite;
  }
  @keyframes prm-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner::before {
      animation: none;
    }
  }
`;
