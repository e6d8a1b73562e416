'use strict';
// Scanflow dashboard: the date range of a site page (presets and a from/to picker). It lives in the
// page's query string (?range=7d or ?from=YYYY-MM-DD&to=YYYY-MM-DD), so a reload or a shared link
// keeps it; the hash stays the page's route. Days are the site's own days (its time zone).
window.ScanflowDateRange = (() => {
  const PRESETS = { today: 1, '7d': 7, '30d': 30, '90d': 90 };
  const LABELS = { today: 'Today', '7d': '7 d', '30d': '30 d', '90d': '90 d' };
  const DEFAULT = '30d';
  const DAY = /^\d{4}-\d{2}-\d{2}$/;

  function todayIn(timeZone) {
    try {
      // en-CA formats a date as YYYY-MM-DD
      return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
        .format(new Date());
    } catch (error) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function minusDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() - days);
    return date.toISOString().slice(0, 10);
  }

  /** The range in the URL: a preset name, or custom from/to days. */
  function fromUrl() {
    const params = new URLSearchParams(location.search);
    const from = params.get('from');
    const to = params.get('to');
    if (from && to && DAY.test(from) && DAY.test(to) && from <= to) return { from, to };
    const preset = params.get('range');
    return { preset: PRESETS[preset] ? preset : DEFAULT };
  }

  function toUrl(range) {
    const params = new URLSearchParams(location.search);
    ['range', 'from', 'to'].forEach((name) => params.delete(name));
    if (range.preset) params.set('range', range.preset);
    else { params.set('from', range.from); params.set('to', range.to); }
    history.replaceState(history.state, '', `${location.pathname}?${params}${location.hash}`);
  }

  /**
   * Draws the controls into container and calls onChange after every change; returns query(),
   * the from/to query string of the summary endpoint.
   */
  function mount(container, timeZone, onChange) {
    let range = fromUrl();
    const days = () => {
      if (!range.preset) return { from: range.from, to: range.to };
      const to = todayIn(timeZone || 'UTC');
      return { from: minusDays(to, PRESETS[range.preset] - 1), to };
    };
    const buttons = Object.keys(PRESETS).map((name) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.dataset.range = name;
      button.textContent = LABELS[name];
      button.addEventListener('click', () => set({ preset: name }));
      return button;
    });
    const picker = (id, label) => {
      const input = document.createElement('input');
      input.type = 'date';
      input.id = id;
      input.setAttribute('aria-label', label);
      input.addEventListener('change', () => {
        const [from, to] = [fromInput.value, toInput.value];
        if (DAY.test(from) && DAY.test(to) && from <= to) set({ from, to });
      });
      return input;
    };
    const fromInput = picker('range-from', 'From');
    const toInput = picker('range-to', 'To');
    container.replaceChildren(...buttons, fromInput, document.createTextNode(' – '), toInput);

    function show() {
      const shown = days();
      buttons.forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.range === range.preset)));
      fromInput.value = shown.from;
      toInput.value = shown.to;
    }

    function set(next) {
      range = next;
      toUrl(range);
      show();
      onChange();
    }

    show();
    return {
      query: () => {
        const shown = days();
        return `from=${shown.from}&to=${shown.to}`;
      },
    };
  }

  return { mount };
})();
