// The dashboard's only script (served as a file: the Content-Security-Policy forbids inline code).
// It draws the charts whose ECharts options the server put in data-chart, submits filter forms as
// they change, and sends case and queue actions to /api with the session's CSRF token.

function drawCharts() {
  if (!window.echarts) return;
  for (const el of document.querySelectorAll('[data-chart]')) {
    const option = JSON.parse(el.dataset.chart);
    // Rich-text tooltips are drawn on the canvas: HTML tooltips would need inline styles.
    if (option.tooltip) option.tooltip.renderMode = 'richText';
    const chart = window.echarts.init(el, null, { renderer: 'canvas' });
    chart.setOption(option);
    new ResizeObserver(() => chart.resize()).observe(el);
  }
}

function autoSubmit() {
  for (const form of document.querySelectorAll('form[data-autosubmit]')) {
    for (const select of form.querySelectorAll('select, input[type=checkbox]')) {
      select.addEventListener('change', () => {
        // A new slice dimension makes the old value meaningless.
        if (select.name === 'by') form.querySelector('select[name=value]')?.remove();
        form.requestSubmit();
      });
    }
  }
}

function actions() {
  const csrf = document.querySelector('meta[name=csrf-token]')?.content;
  const error = document.getElementById('action-error');
  for (const form of document.querySelectorAll('form[data-action]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      // Empty fields are left out; "a.b" names nest ({"a": {"b": …}}); data-number fields are numbers.
      const body = {};
      for (const field of form.elements) {
        if (!field.name || String(field.value).trim() === '') continue;
        const value = field.hasAttribute('data-number') ? Number(field.value) : String(field.value);
        const [head, tail] = field.name.split('.', 2);
        if (tail === undefined) body[head] = value;
        else (body[head] ??= {})[tail] = value;
      }
      for (const b of form.querySelectorAll('button')) b.disabled = true;
      try {
        const res = await fetch(form.dataset.action, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrf ?? '' },
          body: JSON.stringify(body),
          credentials: 'same-origin',
        });
        if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `HTTP ${res.status}`);
        location.reload();
      } catch (err) {
        if (error) {
          error.textContent = err.message;
          error.hidden = false;
        }
        for (const b of form.querySelectorAll('button')) b.disabled = false;
      }
    });
  }
}

drawCharts();
autoSubmit();
actions();
