import { css } from 'lit';

// The table answers to the width of its card, not of the window (container queries): a full table from
// 52rem; two lines per split down to 36rem (partner, share, amount and actions, then role and type); below
// that a small stacked form per split. Stacked cells take their labels from data-label, as the column
// headers are then only there for screen readers.
export const styles = css`
  :host {
    container: prm-splits / inline-size;
  }
  table {
    width: 100%;
    table-layout: fixed;
    border-collapse: collapse;
    margin-bottom: var(--prm-space-x-small);
  }
  th,
  td {
    text-align: left;
    padding: var(--prm-space-x-small) var(--prm-space-xx-small);
    border-bottom: 1px solid var(--prm-color-border);
    vertical-align: middle;
  }
  th:first-child,
  td:first-child {
    padding-left: var(--prm-space-x-small);
  }
  th:last-child,
  td:last-child {
    padding-right: var(--prm-space-x-small);
  }
  thead th {
    padding-block: var(--prm-space-xx-small);
    font-size: var(--prm-font-size-small);
    font-weight: 400;
    color: var(--prm-color-text-weak);
    text-transform: uppercase;
    letter-spacing: 0.0625rem;
    white-space: nowrap;
    background: var(--prm-color-surface-alt);
  }
  th.role {
    width: 8.5rem;
  }
  th.type {
    width: 7.5rem;
  }
  th.share {
    width: 7rem;
  }
  th.amount {
    width: 8.5rem;
  }
  th.actions {
    width: 5rem;
  }
  select {
    padding: 0 var(--prm-space-x-small);
    text-overflow: ellipsis;
  }
  .share,
  .amount {
    text-align: right;
    white-space: nowrap;
  }
  td.amount {
    font-variant-numeric: tabular-nums;
  }
  .percent-input {
    display: inline-flex;
    align-items: center;
    gap: var(--prm-space-xx-small);
  }
  .percent-input input {
    width: 4.75rem;
    padding: 0 var(--prm-space-x-small);
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  td.share .field-error {
    white-space: normal;
    text-align: left;
  }
  td.actions {
    white-space: nowrap;
    text-align: right;
  }
  .actions button + button {
    margin-left: var(--prm-space-xx-small);
  }
  button.icon-button {
    width: 2rem;
    min-height: 2rem;
    padding: 0;
    color: var(--prm-color-text-weak);
    vertical-align: middle;
  }
  button.icon-button:hover:not(:disabled) {
    color: var(--prm-color-brand);
  }
  button.remove:hover:not(:disabled) {
    color: var(--prm-color-error);
  }
  button.icon-button:disabled {
    color: var(--prm-color-border);
    background: var(--prm-color-surface);
  }
  .icon {
    display: block;
    width: 0.875rem;
    height: 0.875rem;
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

  /* Too narrow for six columns: one grid per split, with fixed tracks so the splits line up. */
  @container prm-splits (max-width: 52rem) {
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    table,
    tbody {
      display: block;
    }
    table {
      border-top: 1px solid var(--prm-color-border);
    }
    tbody tr {
      display: grid;
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 6.25rem 7.5rem 4.25rem;
      grid-template-areas:
        'partner partner share amount actions'
        'role type . . .';
      column-gap: var(--prm-space-small);
      row-gap: var(--prm-space-x-small);
      padding: var(--prm-space-small) 0;
      border-bottom: 1px solid var(--prm-color-border);
    }
    td,
    td:first-child,
    td:last-child {
      display: block;
      padding: 0;
      border: 0;
      min-width: 0;
    }
    td[data-label]::before {
      content: attr(data-label);
      display: block;
      margin-bottom: 0.125rem;
      font-size: var(--prm-font-size-small);
      line-height: 1.5;
      color: var(--prm-color-text-weak);
    }
    td.partner {
      grid-area: partner;
    }
    td.role {
      grid-area: role;
    }
    td.type {
      grid-area: type;
    }
    td.share {
      grid-area: share;
    }
    td.amount {
      grid-area: amount;
      line-height: 2rem;
    }
    td.actions {
      grid-area: actions;
      align-self: end;
    }
  }

  /* A side-column card: the partner and the actions, then role and type, then share and amount. */
  @container prm-splits (max-width: 36rem) {
    tbody tr {
      grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) 4.25rem;
      grid-template-areas:
        'partner partner actions'
        'role type .'
        'share amount .';
    }
    td.share {
      text-align: left;
    }
  }
`;
