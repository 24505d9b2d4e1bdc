import { css } from 'lit';

export const styles = css`
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: var(--prm-space-medium);
  }
  .field {
    margin: 0 0 var(--prm-space-small);
  }
  fieldset {
    border: 0;
    padding: 0;
  }
  abbr.required {
    text-decoration: none;
    border: 0;
  }
  .radio {
    display: flex;
    align-items: center;
    gap: var(--prm-space-x-small);
  }
  .radio input {
    width: auto;
    min-height: 0;
  }
  .inline {
    display: flex;
    gap: var(--prm-space-x-small);
  }
  .help {
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
    margin-top: var(--prm-space-xx-small);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: var(--prm-space-xx-small);
    list-style: none;
    margin: 0 0 var(--prm-space-xx-small);
    padding: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: var(--prm-space-xx-small);
    padding: 0 0 0 var(--prm-space-x-small);
    border: 1px solid var(--prm-color-border);
    border-radius: var(--prm-radius-pill);
    background: var(--slds-c-pill-color-background, var(--prm-color-surface));
  }
  .chip-remove {
    min-height: 1.5rem;
    padding: 0 var(--prm-space-x-small);
    border: 0;
    border-radius: var(--prm-radius-pill);
    background: none;
  }
  .conflict-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .conflict {
    padding: var(--prm-space-x-small) var(--prm-space-small);
    margin-bottom: var(--prm-space-x-small);
    border: 1px solid var(--prm-color-border);
    border-left: 4px solid var(--prm-color-border);
    border-radius: var(--prm-radius);
  }
  .conflict.protected {
    border-left-color: var(--prm-color-error);
  }
  .conflict-head {
    display: flex;
    justify-content: space-between;
    gap: var(--prm-space-x-small);
    font-weight: 700;
  }
  .score {
    white-space: nowrap;
  }
  .conflict .reasons {
    margin: 0;
    padding-left: var(--prm-space-medium);
    color: var(--prm-color-text-weak);
  }
  .protection {
    margin: var(--prm-space-xx-small) 0;
  }
  .preview {
    padding: var(--prm-space-x-small) var(--prm-space-small);
    background: var(--prm-color-surface-alt);
    border-radius: var(--prm-radius);
  }
  .status-line {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--prm-space-x-small);
  }
  .pill {
    padding: 0 var(--prm-space-x-small);
    border-radius: var(--prm-radius-pill);
    font-weight: 700;
    font-size: var(--prm-font-size-small);
    background: var(--prm-color-surface-alt);
    color: var(--prm-color-text);
  }
  .pill.Approved {
    background: var(--prm-band-green);
    color: #ffffff;
  }
  .pill.Rejected,
  .pill.Expired {
    background: var(--prm-band-red);
    color: #ffffff;
  }
  .pill.Submitted {
    background: var(--prm-band-yellow);
    color: #181818;
  }
  .countdown {
    font-weight: 700;
    color: var(--prm-color-success);
  }
  .sla.breached {
    font-weight: 700;
    color: var(--prm-color-error);
  }
  .facts {
    display: flex;
    flex-wrap: wrap;
    gap: var(--prm-space-x-small) var(--prm-space-medium);
    margin: 0 0 var(--prm-space-small);
  }
  .facts dt {
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
  }
  .facts dd {
    margin: 0;
  }
  .decide .buttons {
    display: flex;
    gap: var(--prm-space-x-small);
    margin-top: var(--prm-space-x-small);
  }
`;
