import { css } from 'lit';

export const styles = css`
  .layout {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
    gap: var(--prm-space-medium);
  }
  section {
    min-width: 0;
  }
  .score-row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--prm-space-medium);
    margin-bottom: var(--prm-space-small);
  }
  .gauge {
    margin: 0;
    width: 9rem;
    text-align: center;
  }
  .gauge svg {
    width: 100%;
    display: block;
  }
  .gauge path {
    fill: none;
    stroke-width: 10;
    stroke-linecap: round;
  }
  .gauge .track {
    stroke: var(--prm-color-surface-alt);
  }
  .gauge .value.Green {
    stroke: var(--prm-band-green);
  }
  .gauge .value.Yellow {
    stroke: var(--prm-band-yellow);
  }
  .gauge .value.Red {
    stroke: var(--prm-band-red);
  }
  .gauge .score {
    font-size: 1.5rem;
    font-weight: 700;
    fill: var(--prm-color-text);
  }
  .band-name {
    font-weight: 700;
  }
  .score-side {
    flex: 1 1 10rem;
    min-width: 0;
  }
  .trend {
    font-weight: 700;
    margin: 0 0 var(--prm-space-xx-small);
  }
  .trend.up {
    color: var(--prm-color-success);
  }
  .trend.down {
    color: var(--prm-color-error);
  }
  .trend.none,
  .trend.flat {
    color: var(--prm-color-text-weak);
    font-weight: 400;
  }
  .trend-line {
    width: 100%;
    max-height: 5rem;
  }
  .trend-line .line {
    fill: none;
    stroke: var(--prm-color-brand);
    stroke-width: 2;
    vector-effect: non-scaling-stroke;
  }
  .trend-line .grid {
    stroke: var(--prm-color-border);
    stroke-dasharray: 4 4;
    vector-effect: non-scaling-stroke;
  }
  .trend-line .last {
    fill: var(--prm-color-brand);
  }
  .reasons {
    margin: 0 0 var(--prm-space-small);
    padding-left: var(--prm-space-medium);
    color: var(--prm-color-text-weak);
  }
  .table-scroll {
    overflow-x: auto;
  }
  table {
    width: 100%;
    border-collapse: collapse;
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
  tbody th {
    font-weight: 400;
  }
  td.points,
  td.weight,
  td.effective {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .tag {
    display: inline-block;
    padding: 0 var(--prm-space-xx-small);
    border-radius: var(--prm-radius);
    background: var(--prm-color-surface-alt);
    color: var(--prm-color-text-weak);
    font-size: var(--prm-font-size-small);
  }
  .evidence-row td {
    border-left: 3px solid var(--prm-color-brand);
  }
  .records {
    margin: 0;
    padding-left: var(--prm-space-medium);
  }
  .note {
    margin-top: var(--prm-space-x-small);
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
  }
  .benefits {
    display: flex;
    flex-wrap: wrap;
    gap: var(--prm-space-x-small) var(--prm-space-medium);
    margin: 0 0 var(--prm-space-small);
  }
  .benefits dt {
    font-size: var(--prm-font-size-small);
    color: var(--prm-color-text-weak);
  }
  .benefits dd {
    margin: 0;
    font-weight: 700;
  }
  .benefits .summary dd {
    font-weight: 400;
  }
  .grace {
    margin-bottom: var(--prm-space-small);
  }
  .gaps {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .gap {
    margin-bottom: var(--prm-space-x-small);
  }
  .gap-head {
    display: flex;
    justify-content: space-between;
    gap: var(--prm-space-x-small);
  }
  .gap-left {
    color: var(--prm-color-text-weak);
  }
  .gap.met .gap-left {
    color: var(--prm-color-success);
    font-weight: 700;
  }
  .bar {
    height: 0.5rem;
    border-radius: var(--prm-radius-pill);
    background: var(--slds-c-progress-bar-color-background, var(--prm-color-surface-alt));
    overflow: hidden;
  }
  .fill {
    display: block;
    height: 100%;
    background: var(--slds-c-progress-bar-color-background-fill, var(--prm-color-brand));
  }
  .gap.met .fill {
    background: var(--prm-color-success);
  }
`;
