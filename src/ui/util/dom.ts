/**
 * A tiny element builder: the renderer uses no framework, and this keeps the
 * panels readable without string-built HTML (which would invite injection of
 * attribute values coming from data files).
 */
export interface ElementOptions {
  className?: string;
  text?: string;
  testId?: string;
  title?: string;
  attributes?: Record<string, string>;
}

export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options: ElementOptions = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = options.text;
  if (options.testId) node.dataset.testid = options.testId;
  if (options.title) node.title = options.title;
  for (const [name, value] of Object.entries(options.attributes ?? {})) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

/** Removes every child; panels re-render by clearing and rebuilding. */
export function clear(node: Element): void {
  node.replaceChildren();
}
