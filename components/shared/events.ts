// Intent leaves a component as a CustomEvent that crosses shadow boundaries (LWC's template binds it as
// on<name>, which is why names are lowercase with underscores).

/** Dispatches `type` with `detail`; returns false when a listener called preventDefault(). */
export function emit<T>(host: HTMLElement, type: string, detail: T): boolean {
  return host.dispatchEvent(new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable: true }));
}
