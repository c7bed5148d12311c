const CANDIDATES = 'button, input, select, textarea, a[href], [tabindex]';

/** The elements of `container` that Tab reaches, in document order. */
export function tabbable(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(CANDIDATES)].filter(
    (el) => el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest('[hidden]'),
  );
}

/**
 * Keeps Tab and Shift+Tab inside `container`: from its last stop Tab goes to the first, and
 * Shift+Tab from the first (or from the container itself) to the last. Answers whether it moved the focus.
 */
export function wrapTab(container: HTMLElement, event: { key: string; shiftKey: boolean; preventDefault(): void }): boolean {
  if (event.key !== 'Tab') return false;
  const stops = tabbable(container);
  if (stops.length === 0) return false;
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = document.activeElement;
  const target = event.shiftKey ? (active === first || active === container ? last : null) : active === last ? first : null;
  if (!target) return false;
  event.preventDefault();
  target.focus();
  return true;
}
