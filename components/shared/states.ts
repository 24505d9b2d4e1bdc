// Loading, error and empty look the same in every component, and each is announced: the spinner and the
// empty text as a polite status, an error as an alert.
import { html, type TemplateResult } from 'lit';

export function loadingState(label: string): TemplateResult {
  return html`<div class="spinner" role="status" part="loading">${label}</div>`;
}

export function errorState(message: string): TemplateResult {
  return html`<div class="alert error" role="alert" part="error">${message}</div>`;
}

export function emptyState(message: string): TemplateResult {
  return html`<p class="empty" role="status" part="empty">${message}</p>`;
}

/** The state to show instead of the content, or null when the content should render. */
export function blockingState(
  loading: boolean,
  error: string,
  loadingLabel: string,
): TemplateResult | null {
  if (error) return errorState(error);
  if (loading) return loadingState(loadingLabel);
  return null;
}
