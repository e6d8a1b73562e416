'use strict';
// Scanflow dashboard: the one way its scripts build elements from data. Data only ever becomes
// text (a text node or an attribute value), never HTML.
window.ScanflowDom = (() => {
  /**
   * An element with these attributes (null and undefined ones left out) and children; a child that
   * is not a node is added as text.
   */
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => {
      if (value !== undefined && value !== null) node.setAttribute(name, value);
    });
    children.flat().forEach((child) => node.append(child instanceof Node ? child : String(child)));
    return node;
  }

  return { el };
})();
