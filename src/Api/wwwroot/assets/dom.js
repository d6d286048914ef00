// A tiny element builder: h('label', {for: 'x'}, 'text', child…). Text is always set as text, never as HTML.
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

// Replaces the content of a container.
export function show(container, ...content) {
  container.replaceChildren(...content.flat().filter(Boolean));
}

// Moves focus into a new step for keyboard and screen-reader users: its first field, else its first button, else its heading.
export function focusFirst(container) {
  const target = container.querySelector('input:not([type=hidden]):not([disabled]), select, textarea')
    ?? container.querySelector('button:not([disabled]), a[href]') ?? container.querySelector('[tabindex="-1"]');
  target?.focus();
}

// Calls fn at most once per `ms` of quiet: the live template preview while an admin types.
export function debounce(fn, ms) {
  let timer;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}
