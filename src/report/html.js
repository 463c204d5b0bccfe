// crosscheck's HTML report: filters the table by rule, severity, source and findings only,
// and opens every row for print. It reads the columns from the JSON data block; the table
// holds the first `data.shown` columns, and the cells of the others wait, as markup the
// report wrote, in the deferred block until the source filter asks for them. Nothing is
// fetched.
'use strict';
(function () {
  const byId = (id) => document.getElementById(id);
  const data = JSON.parse(byId('crosscheck-data').textContent);
  const table = byId('claims');
  const head = table.tHead.rows[0];
  const rows = Array.from(table.tBodies[0].rows).filter((row) => row.dataset.rule);
  const rule = byId('f-rule');
  const severity = byId('f-severity');
  const source = byId('f-source');
  const findings = byId('f-findings');
  const status = byId('f-status');
  // At most this many columns are added for one filter: adding thousands takes seconds.
  const MOST_ADDED = 300;
  // The columns in the table, in table order (cell p + 1 of a row is column inTable[p]).
  const inTable = data.columns.slice(0, data.shown).map((_, k) => k);
  // Whether each column in the table is shown, by column.
  const shown = new Map(inTable.map((k) => [k, true]));
  let deferred = null;

  // Adds column k's head and cells where its order puts them.
  function add(k) {
    deferred = deferred || JSON.parse(byId('crosscheck-deferred').textContent);
    const column = deferred[k - data.shown];
    let p = 0;
    while (p < inTable.length && inTable[p] < k) p++;
    [head, ...rows].forEach((row, r) => {
      const html = r === 0 ? column.head : column.cells[r - 1];
      const before = row.cells[p + 1];
      if (before) before.insertAdjacentHTML('beforebegin', html);
      else row.insertAdjacentHTML('beforeend', html);
    });
    inTable.splice(p, 0, k);
    shown.set(k, true);
  }

  // Shows the columns whose source or path holds `needle` (all first columns when empty);
  // the number that matched and were left out.
  function showColumns(needle) {
    const matches = (c) => c.source.toLowerCase().includes(needle) || c.path.toLowerCase().includes(needle);
    const want = new Set();
    let left = 0;
    data.columns.forEach((c, k) => {
      if (needle ? !matches(c) : k >= data.shown) return;
      if (shown.has(k) || want.size < MOST_ADDED) want.add(k);
      else left++;
    });
    want.forEach((k) => { if (!shown.has(k)) add(k); });
    inTable.forEach((k, p) => {
      const show = want.has(k);
      if (show === shown.get(k)) return;
      for (const row of [head, ...rows]) row.cells[p + 1].hidden = !show;
      shown.set(k, show);
    });
    return { count: want.size, left };
  }

  function apply() {
    const columns = showColumns(source.value.trim().toLowerCase());
    let claims = 0;
    for (const row of rows) {
      const severities = row.dataset.severities ? row.dataset.severities.split(' ') : [];
      const keep = (!rule.value || row.dataset.rule === rule.value)
        && (!severity.value || severities.includes(severity.value))
        && (!findings.checked || severities.length > 0);
      row.hidden = !keep;
      claims += keep ? 1 : 0;
    }
    let text = `Showing ${claims} of ${rows.length} claims and ${columns.count} of ${data.columns.length} sources`;
    if (columns.left > 0) text += `; ${columns.left} more match: narrow the filter`;
    else if (!source.value.trim() && data.shown < data.columns.length) {
      text += ', those with most statements at odds first; filter by source for the others';
    }
    status.textContent = `${text}.`;
  }

  for (const control of [rule, severity, source, findings]) control.addEventListener('input', apply);
  byId('filters').hidden = false;
  apply();

  // Print every row open (its explanation and full sentences), then close them again.
  let opened = [];
  window.addEventListener('beforeprint', () => {
    opened = Array.from(document.querySelectorAll('details:not([open])'));
    opened.forEach((d) => { d.open = true; });
  });
  window.addEventListener('afterprint', () => {
    opened.forEach((d) => { d.open = false; });
    opened = [];
  });
})();
