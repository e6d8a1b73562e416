'use strict';
// Test events ("test": true): app.js marks their live-list rows and their trace with data-test;
// this adds the visible "test" badge, whenever the dashboard re-renders them. Text only, no HTML.
(() => {
  const TITLE = 'Test event: shown here, excluded from every count and value';

  function badge() {
    const span = document.createElement('span');
    span.className = 'status test';
    span.dataset.testid = 'test-badge';
    span.title = TITLE;
    span.textContent = 'test';
    return span;
  }

  function mark(root) {
    root.querySelectorAll('tr[data-test="true"]').forEach((row) => {
      const status = row.querySelector('[data-testid="event-status"]');
      if (status && !row.querySelector('[data-testid="test-badge"]')) status.after(' ', badge());
    });
    root.querySelectorAll('.trace[data-test="true"]').forEach((trace) => {
      if (!trace.querySelector('[data-testid="test-badge"]')) trace.prepend(badge());
    });
  }

  new MutationObserver(() => mark(document)).observe(document.getElementById('view'), { childList: true, subtree: true });
})();
