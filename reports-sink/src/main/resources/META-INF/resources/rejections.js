'use strict';
// "Rejected requests" on a site page: what ingest-api refused to this site's keys (the rejection
// log, GET /api/sites/{site_id}/rejections). It runs on its own: whenever the site page shows its
// #rejections panel it polls every 5 s, and stops when the panel is gone. Text only, never HTML.
(() => {
  const { el } = window.ScanflowDom;
  const EVERY_MS = 5000;
  const MEANING = {
    403: 'site_id of another site', 413: 'body too large', 415: 'unsupported encoding',
    422: 'invalid request', 429: 'rate limited', 503: 'ingest at capacity: resend',
  };
  let timer = null;

  const stamp = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : '–');

  function siteId() {
    const parts = (location.hash || '').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    return parts[0] === 'integrations' && parts[1] === 'conversion-tracking' ? parts[2] : null;
  }

  // A message, or one line per problem: "body › event_name: field required".
  function detailLines(detail) {
    if (!Array.isArray(detail)) return [el('div', { class: 'message' }, detail || '')];
    return detail.map((problem) => el('div', { class: 'message', 'data-testid': 'rejection-problem' },
      el('span', { class: 'mono' }, (problem.loc || []).join(' › ')), `: ${problem.msg}`));
  }

  function render(rejections) {
    const tile = document.getElementById('tile-rejections');
    const counts = rejections.counts_24h;
    // The API lists every status the log holds, in order, 0 when there was none.
    const statuses = Object.keys(counts);
    const total = statuses.reduce((sum, status) => sum + (counts[status] || 0), 0);
    tile.querySelector('[data-value]').textContent = String(total);
    tile.querySelector('[data-sub]').textContent = total
      ? statuses.filter((status) => counts[status]).map((status) => `${counts[status]}× ${status}`).join(' · ')
      : 'none in the last 24 h';
    tile.classList.toggle('alert', total > 0);
    document.getElementById('rejections-empty').hidden = rejections.recent.length > 0;
    document.querySelector('#rejections-table tbody').replaceChildren(...rejections.recent.map((rejection) =>
      el('tr', { 'data-testid': 'rejection-row', 'data-status': rejection.status, 'data-event-id': rejection.event_id },
        el('td', { title: rejection.at }, stamp(rejection.at)),
        el('td', { title: MEANING[rejection.status] || '' }, String(rejection.status)),
        el('td', { class: 'mono' }, rejection.endpoint),
        el('td', { class: 'mono' }, rejection.event_id || '–'),
        el('td', {}, detailLines(rejection.detail)))));
  }

  async function refresh(site) {
    const response = await fetch(`/api/sites/${encodeURIComponent(site)}/rejections?limit=50`, {
      credentials: 'same-origin', headers: { Accept: 'application/json' },
    });
    // 401 is the main page's to answer (it shows the login form); other errors keep the last state.
    if (response.ok) render(await response.json());
  }

  function watch() {
    const panel = document.getElementById('rejections');
    const site = siteId();
    if (panel && site && !timer) {
      const run = () => refresh(site).catch(() => { /* keeps its last state */ });
      run();
      timer = setInterval(() => (document.getElementById('rejections') ? run() : stop()), EVERY_MS);
    } else if (!panel) {
      stop();
    }
  }

  function stop() {
    clearInterval(timer);
    timer = null;
  }

  // Each page change replaces #view's children: a new site page starts a fresh poll.
  new MutationObserver(() => { stop(); watch(); }).observe(document.getElementById('view'), { childList: true });
  watch();
})();
