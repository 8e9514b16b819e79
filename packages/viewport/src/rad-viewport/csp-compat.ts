// Cornerstone's annotation text boxes get their style with `setAttribute('style', …)`, which a page
// whose CSP has no 'unsafe-inline' for styles refuses (the text then loses its shadow and lets
// pointer events through). The same declarations set through the CSSOM are allowed: that one call,
// recognised by its value, goes that way instead.

/** How Cornerstone's drawTextBox styles its SVG text (5.x). */
const TEXT_BOX_STYLE = /^user-select: none; pointer-events: none;/;

let installed = false;

export function styleTextBoxesThroughCssom(): void {
  if (installed || typeof SVGTextElement === 'undefined') return;
  installed = true;
  const setAttribute = Element.prototype.setAttribute;
  Object.defineProperty(SVGTextElement.prototype, 'setAttribute', {
    configurable: true,
    writable: true,
    value(this: SVGTextElement, name: string, value: string) {
      if (name === 'style' && TEXT_BOX_STYLE.test(value)) this.style.cssText = value;
      else setAttribute.call(this, name, value);
    },
  });
}
