// SLDS look without SLDS: every colour, size and space reads the org's styling hook first (SLDS 2
// global hooks, then the SLDS 1 design tokens Lightning exposes as --lwc-*), then the SLDS default.
import { css } from 'lit';

export const tokens = css`
  :host {
    --prm-font: var(
      --slds-g-font-family,
      var(--lwc-fontFamily, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif)
    );
    --prm-font-size: var(--slds-g-font-scale-neg-1, var(--lwc-fontSize3, 0.8125rem));
    --prm-font-size-small: var(--slds-g-font-scale-neg-2, var(--lwc-fontSize2, 0.75rem));
    --prm-font-size-large: var(--slds-g-font-scale-2, var(--lwc-fontSize5, 1rem));
    --prm-font-size-huge: var(--slds-g-font-scale-6, var(--lwc-fontSize8, 2rem));
    --prm-color-text: var(--slds-g-color-on-surface-3, var(--lwc-colorTextDefault, #181818));
    --prm-color-text-weak: var(--slds-g-color-on-surface-2, var(--lwc-colorTextWeak, #444444));
    --prm-color-border: var(--slds-g-color-border-1, var(--lwc-colorBorder, #c9c9c9));
    --prm-color-surface: var(--slds-g-color-surface-container-1, var(--lwc-colorBackgroundAlt, #ffffff));
    --prm-color-surface-alt: var(--slds-g-color-surface-container-2, var(--lwc-colorBackground, #f3f3f3));
    --prm-color-brand: var(--slds-g-color-accent-2, var(--lwc-brandAccessible, #0176d3));
    --prm-color-brand-dark: var(--slds-g-color-accent-3, var(--lwc-brandAccessibleActive, #014486));
    --prm-color-error: var(--slds-g-color-error-1, var(--lwc-colorTextError, #ba0517));
    --prm-color-success: var(--slds-g-color-success-1, var(--lwc-colorTextSuccess, #2e844a));
    --prm-color-warning-bg: var(--slds-g-color-warning-container-1, var(--lwc-colorBackgroundWarning, #fe9339));
    --prm-color-warning-text: var(--slds-g-color-on-warning-1, var(--lwc-colorTextWarning, #181818));
    --prm-band-green: var(--slds-c-prm-band-green, var(--lwc-colorBackgroundSuccessDark, #2e844a));
    --prm-band-yellow: var(--slds-c-prm-band-yellow, var(--lwc-paletteYellow70, #fcc003));
    --prm-band-red: var(--slds-c-prm-band-red, var(--lwc-colorBackgroundErrorDark, #ba0517));
    --prm-space-xx-small: var(--slds-g-spacing-1, var(--lwc-spacingXxSmall, 0.25rem));
    --prm-space-x-small: var(--slds-g-spacing-2, var(--lwc-spacingXSmall, 0.5rem));
    --prm-space-small: var(--slds-g-spacing-3, var(--lwc-spacingSmall, 0.75rem));
    --prm-space-medium: var(--slds-g-spacing-4, var(--lwc-spacingMedium, 1rem));
    --prm-radius: var(--slds-g-radius-border-2, var(--lwc-borderRadiusMedium, 0.25rem));
    --prm-radius-pill: var(--slds-g-radius-border-circle, var(--lwc-borderRadiusPill, 15rem));
    --prm-focus-ring: var(--slds-g-shadow-outline-focus-1, 0 0 3px var(--lwc-brandAccessible, #0176d3));

    font-family: var(--prm-font);
    font-size: var(--prm-font-size);
    line-height: 1.5;
    color: var(--prm-color-text);
  }
`;
