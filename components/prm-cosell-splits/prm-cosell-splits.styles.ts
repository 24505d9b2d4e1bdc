import { css } from 'lit';

export const styles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    margin-bottom: var(--prm-space-x-small);
  }
  th,
  td {
    text-align: left;
    padding: var(--prm-space-xx-small) var(--prm-space-x-small);
    border-bottom: 1px solid var(--prm-color-border);
    vertical-align: top;
  }
  thead th {
    font-size: var(--prm-font-size-small);
    font-weight: 400;
    color: var(--prm-color-text-weak);
    text-transform: uppercase;
    background: var(--prm-color-surface-alt);
  }
  .share,
  .amount {
    text-align: right;
  }
  td.amount {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
    line-height: 2rem;
  }
  .percent-input {
    display: flex;
    align-items: center;
    gap: var(--prm-space-xx-small);
  }
  .percent-input input {
    width: 6rem;
    text-align: right;
  }
  .actions {
    white-space: nowrap;
    text-align: right;
  }
  .actions button + button {
    margin-left: var(--prm-space-xx-small);
  }
  .muted {
    color: var(--prm-color-text-weak);
  }
  .total {
    font-weight: 700;
  }
  .total.off {
    color: var(--prm-color-error);
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--prm-space-x-small);
  }
  .toolbar .save {
    margin-left: auto;
  }
  .hint {
    margin-top: var(--prm-space-x-small);
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
    text-align: right;
  }
`;
