'use strict';
// Scanflow dashboard: plain DOM, no build step. Data is only ever inserted as text (never HTML).
(() => {
  const { el } = window.ScanflowDom;
  const view = document.getElementById('view');
  const crumbs = document.getElementById('crumbs');
  const SVG = 'http://www.w3.org/2000/svg';
  let timers = [];
  let returnTo = null;

  class AuthError extends Error {}

  // Amounts stay the exact decimal text the server sent (JSON.parse source access), not doubles.
  function parseExact(text) {
    return JSON.parse(text, function (key, value, context) {
      return key === 'amount' && context && typeof context.source === 'string' ? context.source : value;
    });
  }

  async function api(path) {
    const response = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const text = await response.text();
    if (response.status === 401) {
      returnTo = location.hash;
      location.hash = '#/login';
      throw new AuthError('not signed in');
    }
    const body = text ? parseExact(text) : null;
    if (!response.ok) {
      const error = new Error((body && body.detail) || response.statusText);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function svg(tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mount(templateId) {
    view.replaceChildren(document.getElementById(templateId).content.cloneNode(true));
  }

  function setCrumbs(...items) {
    crumbs.replaceChildren(
      ...items.map(([label, href]) => (href ? el('a', { href }, label) : el('span', {}, label)))
    );
  }

  function signedIn(yes) {
    document.getElementById('mainnav').hidden = !yes;
    document.getElementById('logout').hidden = !yes;
    if (!yes) document.getElementById('stall-banner').hidden = true;
  }

  function every(ms, task) {
    let running = false;
    const run = async () => {
      if (running) return;
      running = true;
      try { await task(); } finally { running = false; }
    };
    run();
    timers.push(setInterval(run, ms));
  }

  // ---- formatting -------------------------------------------------------------------------
  const time = (iso) => (iso ? new Date(iso).toLocaleTimeString([], { hour12: false }) : '–');
  const stamp = (iso) => (iso ? iso.replace('T', ' ').replace('Z', ' UTC') : '–');
  const stampSeconds = (iso) => stamp(iso && iso.replace(/\.\d+/, ''));
  const duration = (ms) => (ms === null || ms === undefined ? '–' : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);
  const money = (value) => (value ? `${value.currency} ${value.amount}` : '–');
  const reason = (text) => (text || 'unknown').replace(/_/g, ' ');

  function attributionText(attribution) {
    if (!attribution) return 'pending';
    if (attribution.status === 'attributed') {
      return `QR ${attribution.qr_code_id}${attribution.campaign ? ' · ' + attribution.campaign : ''}`;
    }
    return `unattributed: ${reason(attribution.reason)}`;
  }

  // ---- views ------------------------------------------------------------------------------
  function showLogin() {
    signedIn(false);
    setCrumbs(['Sign in']);
    mount('tpl-login');
    const form = document.getElementById('login-form');
    const error = document.getElementById('login-error');
    document.getElementById('token').focus();
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      error.hidden = true;
      const token = document.getElementById('token').value;
      const response = await fetch('/login', {
        method: 'POST', credentials: 'same-origin', body: new URLSearchParams({ token }),
      });
      if (response.status === 204) {
        const target = returnTo && returnTo !== '#/login' ? returnTo : '#/integrations';
        returnTo = null;
        go(target);
      } else {
        error.textContent = response.status === 429
          ? `Too many wrong tokens from this address. Try again in ${response.headers.get('Retry-After')} s.`
          : 'That token was not accepted.';
        error.hidden = false;
      }
    });
  }

  async function showIntegrations() {
    await api('/api/sites'); // the session check: 401 leads to the login form
    signedIn(true);
    setCrumbs(['Integrations']);
    mount('tpl-integrations');
    watchPipeline();
  }

  async function showSites() {
    const sites = await api('/api/sites');
    signedIn(true);
    setCrumbs(['Integrations', '#/integrations'], ['Conversion Tracking']);
    mount('tpl-sites');
    watchPipeline();
    const body = document.querySelector('#sites-table tbody');
    document.getElementById('sites-empty').hidden = sites.length > 0;
    sites.forEach((site) => {
      const href = `#/integrations/conversion-tracking/${encodeURIComponent(site.site_id)}`;
      body.append(el('tr', {},
        el('td', {}, el('a', { href, 'data-testid': `site-link-${site.site_id}` }, site.name)),
        el('td', { class: 'mono' }, site.site_id),
        el('td', {}, `${site.attribution_window_days} days`)));
    });
  }

  async function showSite(siteId) {
    const sites = await api('/api/sites');
    signedIn(true);
    const site = sites.find((s) => s.site_id === siteId);
    const name = site ? site.name : siteId;
    setCrumbs(['Integrations', '#/integrations'], ['Conversion Tracking', '#/integrations/conversion-tracking'], [name]);
    mount('tpl-site');
    document.getElementById('site-title').textContent = name;
    const live = document.getElementById('live-status');
    const base = `/api/sites/${encodeURIComponent(siteId)}`;
    const range = window.ScanflowDateRange.mount(
      document.getElementById('date-range'), site && site.time_zone, () => refresh());

    const refresh = async () => {
      try {
        const query = range.query();
        const [summary, events] = await Promise.all([api(`${base}/summary?${query}`), api(`${base}/events?limit=50`)]);
        if (query !== range.query()) return; // the range changed meanwhile: a newer answer follows
        renderSummary(summary);
        renderEvents(events);
        live.textContent = `live · updated ${time(new Date().toISOString())}`;
        live.classList.remove('stale');
      } catch (error) {
        if (error instanceof AuthError) return;
        live.textContent = `not updating: ${error.message}`;
        live.classList.add('stale');
      }
    };
    every(2000, refresh);
    watchPipeline();
    every(5000, async () => {
      try { renderWarnings(await api(`${base}/warnings?limit=50`)); } catch (error) { /* keeps its last state */ }
    });

    document.getElementById('events-table').addEventListener('click', (event) => {
      const row = event.target.closest('tr[data-event-id]');
      if (row) lookUp(base, row.dataset.eventId);
    });
    document.getElementById('trace-form').addEventListener('submit', (event) => {
      event.preventDefault();
      lookUp(base, document.getElementById('trace-input').value.trim());
    });
  }

  // ---- pipeline health (every signed-in page) ----------------------------------------------
  function watchPipeline() {
    every(5000, async () => {
      let pipeline;
      try { pipeline = await api('/api/pipeline'); } catch (error) { return; /* keeps its last state */ }
      renderBanner(pipeline);
      if (document.getElementById('tile-delay')) renderDelay(pipeline);
    });
  }

  function renderBanner(pipeline) {
    const banner = document.getElementById('stall-banner');
    const stalled = pipeline.stages.filter((stage) => stage.status === 'stalled');
    banner.replaceChildren(...stalled.map((stage) => el('div', { 'data-stage': stage.stage },
      `Processing stalled since ${time(stage.stalled_since)} — ${stage.stage}: ${stage.stall_reason || 'no progress'}`)));
    banner.hidden = stalled.length === 0;
  }

  // ---- site page parts ---------------------------------------------------------------------
  function tile(id, value, sub) {
    const node = document.getElementById(id);
    node.querySelector('[data-value]').replaceChildren(...[].concat(value).map((line) => el('div', {}, line)));
    const subNode = node.querySelector('[data-sub]');
    if (subNode) subNode.textContent = sub || '';
  }

  function renderSummary(summary) {
    document.getElementById('site-range').textContent = `${summary.from} – ${summary.to} (${summary.time_zone || 'UTC'})`;
    tile('tile-events', String(summary.events));
    tile('tile-duplicates', String(summary.duplicates));
    const share = summary.events ? `${Math.round((100 * summary.attributed) / summary.events)} %` : '–';
    tile('tile-attributed', share, `${summary.attributed} of ${summary.events} events`);
    tile('tile-value', summary.conversion_value.length ? summary.conversion_value.map(money) : '–');
    renderChart(summary.by_day);
  }

  function renderDelay(pipeline) {
    const latency = pipeline.end_to_end_latency;
    const known = pipeline.stages.every((stage) => stage.status !== 'unavailable');
    const lag = pipeline.stages.reduce((sum, stage) => sum + (stage.lag || 0), 0);
    const lagText = known ? `lag ${lag} records` : 'lag unknown (Kafka unreachable)';
    if (!latency) {
      tile('tile-delay', '–', `report store unavailable · ${lagText}`);
    } else if (latency.events === 0) {
      tile('tile-delay', 'idle', `no events in the last ${latency.window_seconds / 60} min · ${lagText}`);
    } else {
      tile('tile-delay', duration(latency.p50_ms), `p99 ${duration(latency.p99_ms)} · ${lagText}`);
    }
  }

  function renderWarnings(warnings) {
    const count = warnings.counts_24h;
    tile('tile-warnings', String(count), count ? 'events not processed · see Warnings' : 'none in the last 24 h');
    document.getElementById('tile-warnings').classList.toggle('alert', count > 0);
    document.getElementById('warnings-empty').hidden = warnings.recent.length > 0;
    document.querySelector('#warnings-table tbody').replaceChildren(...warnings.recent.map((warning) => el('tr', {
      'data-testid': 'warning-row',
      'data-event-id': warning.event_id,
    },
    el('td', { title: warning.at }, stampSeconds(warning.at)),
    el('td', {}, warning.stage),
    el('td', {}, el('div', { class: 'mono' }, warning.error_class), el('div', { class: 'message' }, warning.error_message)),
    el('td', { class: 'mono' }, warning.event_id || '–'))));
  }

  function renderEvents(events) {
    const body = document.querySelector('#events-table tbody');
    document.getElementById('events-empty').hidden = events.length > 0;
    body.replaceChildren(...events.map((receipt) => withHook(window.ScanflowPending.decorateRow, receipt, el('tr', {
      class: receipt.status,
      'data-testid': `event-row-${receipt.ingest_id}`,
      'data-event-id': receipt.event_id,
      'data-status': receipt.status,
      'data-test': receipt.test ? 'true' : null,
      title: 'Click to see the trace',
    },
    el('td', { title: receipt.received_at }, time(receipt.received_at)),
    el('td', { class: 'mono' }, receipt.event_id),
    el('td', {}, receipt.event_name),
    el('td', {}, el('span', { class: `status ${receipt.status}`, 'data-testid': 'event-status' }, receipt.status)),
    el('td', { 'data-cell': 'attribution' }, attributionText(receipt.attribution)),
    el('td', { class: 'mono' }, money(receipt.conversion_value))))));
  }

  // Lets another dashboard file (loaded before this one) adjust a node it renders.
  function withHook(hook, data, node) {
    hook(node, data);
    return node;
  }

  function renderChart(days) {
    const width = 900, height = 190, left = 34, bottom = 22, top = 8;
    const max = Math.max(1, ...days.map((d) => d.events));
    const step = (width - left) / Math.max(1, days.length);
    const scale = (n) => ((height - bottom - top) * n) / max;
    const chart = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'Events per day' });
    chart.append(svg('line', { x1: left, x2: width, y1: height - bottom, y2: height - bottom, stroke: '#dde2e8' }));
    chart.append(svg('text', { x: left - 6, y: top + 10, 'text-anchor': 'end', class: 'axis' }, String(max)));
    chart.append(svg('text', { x: left - 6, y: height - bottom, 'text-anchor': 'end', class: 'axis' }, '0'));
    days.forEach((day, i) => {
      const x = left + i * step + step * 0.15;
      const w = step * 0.7;
      const attributedHeight = scale(day.attributed);
      const otherHeight = scale(day.events - day.attributed);
      const group = svg('g', { 'data-day': day.day, 'data-events': day.events });
      group.append(svg('title', {}, `${day.day}: ${day.events} events (${day.attributed} attributed), ${day.duplicates} duplicates excluded`));
      group.append(svg('rect', { x, width: w, y: height - bottom - attributedHeight, height: attributedHeight, fill: 'var(--bar)' }));
      group.append(svg('rect', { x, width: w, y: height - bottom - attributedHeight - otherHeight, height: otherHeight, fill: 'var(--bar2)' }));
      chart.append(group);
      if (i === 0 || i === days.length - 1 || i === Math.floor(days.length / 2)) {
        chart.append(svg('text', { x: x + w / 2, y: height - 6, 'text-anchor': 'middle', class: 'axis' }, day.day.slice(5)));
      }
    });
    const legend = el('div', { class: 'muted small legend' },
      el('span', { class: 'swatch attributed' }), 'attributed', el('span', { class: 'swatch unattributed' }), 'unattributed');
    document.getElementById('chart').replaceChildren(chart, legend);
  }

  async function lookUp(base, eventId) {
    const result = document.getElementById('trace-result');
    if (!eventId) return;
    document.getElementById('trace-input').value = eventId;
    try {
      const trace = await api(`${base}/events/${encodeURIComponent(eventId)}`);
      result.replaceChildren(renderTrace(trace));
    } catch (error) {
      if (error instanceof AuthError) return;
      result.replaceChildren(el('p', { class: 'muted', 'data-testid': 'trace-missing' },
        error.status === 404 ? `No event ${eventId} in the reports (yet).` : `Lookup failed: ${error.message}`));
    }
  }

  function renderTrace(trace) {
    const total = trace.stored_at && trace.accepted_at ? Date.parse(trace.stored_at) - Date.parse(trace.accepted_at) : null;
    const rows = [
      ['Event id', trace.event_id], ['Event name', trace.event_name], ['Event time', stamp(trace.event_time)],
      ['Accepted', stamp(trace.accepted_at)], ['Deduplicated', stamp(trace.deduplicated_at)],
      ['Attributed', stamp(trace.attributed_at)], ['Stored', stamp(trace.stored_at)],
      ['End to end', duration(total)], ['Attribution', attributionText(trace.attribution)],
      ['Value', money(trace.conversion_value)],
    ];
    const list = el('dl', {}, rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
    const duplicates = trace.duplicates.length
      ? el('ul', {}, trace.duplicates.map((d) => el('li', {}, `accepted ${stamp(d.accepted_at)} · marked duplicate`)))
      : el('p', { class: 'muted' }, 'none');
    return withHook(window.ScanflowPending.decorateTrace, trace,
      el('div', { class: 'trace', 'data-testid': 'trace', 'data-event-id': trace.event_id, 'data-test': trace.test ? 'true' : null },
        list, el('h3', {}, `Duplicate receipts (${trace.duplicates.length})`), duplicates));
  }

  // ---- routing ----------------------------------------------------------------------------
  function go(hash) {
    if (location.hash === hash) route(); else location.hash = hash;
  }

  async function route() {
    timers.forEach(clearInterval);
    timers = [];
    const parts = (location.hash || '#/integrations').replace(/^#\/?/, '').split('/').map(decodeURIComponent);
    try {
      if (parts[0] === 'login') return showLogin();
      if (parts[0] === 'integrations' && parts.length === 1) return await showIntegrations();
      if (parts[0] === 'integrations' && parts[1] === 'conversion-tracking') {
        return parts.length === 2 ? await showSites() : await showSite(parts[2]);
      }
      go('#/integrations');
    } catch (error) {
      if (!(error instanceof AuthError)) {
        view.replaceChildren(el('p', { class: 'error' }, `Could not load this page: ${error.message}`));
      }
    }
  }

  document.getElementById('logout').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin' });
    go('#/login');
  });
  window.addEventListener('hashchange', route);
  route();
})();
