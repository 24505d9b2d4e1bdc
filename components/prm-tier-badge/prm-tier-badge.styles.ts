import { css } from 'lit';

export const styles = css`
  :host {
    display: inline-block;
    vertical-align: middle;
  }
  .badge {
    display: inline-flex;
    align-items: stretch;
    border: 1px solid var(--prm-color-border);
    border-radius: var(--prm-radius-pill);
    overflow: hidden;
    font-size: var(--prm-font-size-small);
    font-weight: 700;
    line-height: 1.5rem;
    white-space: nowrap;
  }
  .tier,
  .band {
    padding: 0 var(--prm-space-x-small);
  }
  .tier {
    background: var(--slds-c-badge-color-background, var(--prm-color-surface-alt));
    color: var(--slds-c-badge-text-color, var(--prm-color-text));
  }
  .band.Green {
    background: var(--prm-band-green);
    color: #ffffff;
  }
  .band.Yellow {
    background: var(--prm-band-yellow);
    color: #181818;
  }
  .band.Red {
    background: var(--prm-band-red);
    color: #ffffff;
  }
  .band.none {
    background: var(--prm-color-surface);
    color: var(--prm-color-text-weak);
    font-weight: 400;
  }
  .dot {
    display: inline-block;
    width: 0.5rem;
    height: 0.5rem;
    margin-right: 0.25rem;
    border-radius: 50%;
    background: currentColor;
  }
  .spinner,
  .empty,
  .alert {
    font-size: var(--prm-font-size-small);
    margin: 0;
  }
  .alert {
    padding: 0 var(--prm-space-x-small);
  }
`;
