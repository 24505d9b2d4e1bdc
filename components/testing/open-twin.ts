// Test-only. axe cannot see into a closed shadow root, so an accessibility check on the real element would
// pass whatever it renders. The twin is the same class with an open root, registered under `<tag>-open`,
// so axe audits exactly the markup and styles the closed element renders. Never imported by the bundle.
import { LitElement } from 'lit';
import { unsafeStatic, type StaticValue } from 'lit/static-html.js';

export function openTwin(tag: string, Base: typeof LitElement): StaticValue {
  const twin = `${tag}-open`;
  if (!customElements.get(twin))
    customElements.define(
      twin,
      class extends Base {
        static override shadowRootOptions: ShadowRootInit = { ...LitElement.shadowRootOptions, mode: 'open' };
      },
    );
  return unsafeStatic(twin);
}

/** The element's render root: the closed shadow root Lit keeps as `renderRoot`. */
export function root(el: Element): ShadowRoot {
  const r = (el as LitElement).renderRoot;
  if (!(r instanceof ShadowRoot)) throw new Error(`${el.localName} has no shadow render root`);
  return r;
}

/** Queries the render root of a component, or inside an element already taken from one. */
function scope(el: Element): ParentNode {
  return 'renderRoot' in el ? root(el) : el;
}

export function $<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = scope(el).querySelector<T>(selector);
  if (found === null) throw new Error(`${el.localName}: nothing matches ${selector}`);
  return found;
}

export function $$<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...scope(el).querySelectorAll<T>(selector)];
}

/** The text a person sees, whitespace collapsed. */
export function text(node: Node | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
