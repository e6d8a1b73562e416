'use strict';
// Pending events (pipeline.md section 3): an event waiting for its scan session is shown, not
// counted, until its final record replaces it. app.js calls these hooks when it renders a row of
// the live list and a trace; data is only ever inserted as text.
window.ScanflowPending = (() => {
  const { el } = window.ScanflowDom;
  const clock = (instant) => new Date(instant).toLocaleTimeString([], {
    hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });

  const waiting = (pendingUntil) => (pendingUntil
    ? `waiting for scan session until ${clock(pendingUntil)}`
    : 'waiting for scan session');

  /** A pending row of the live list says until when it waits, instead of an attribution. */
  function decorateRow(row, receipt) {
    if (receipt.status !== 'pending') return;
    const cell = row.querySelector('[data-cell=attribution]');
    cell.textContent = waiting(receipt.pending_until);
    cell.title = 'not counted yet: it is counted once its scan session arrives, or as unattributed '
      + '(session not found) when the wait is over';
    cell.setAttribute('data-testid', 'event-pending');
  }

  /** A pending trace says so at the top. */
  function decorateTrace(node, trace) {
    if (trace.stage !== 'pending') return;
    node.prepend(el('p', { class: 'pending-note', 'data-testid': 'trace-pending' },
      `Pending: ${waiting(trace.pending_until)}. Not counted yet.`));
  }

  return { decorateRow, decorateTrace };
})();
