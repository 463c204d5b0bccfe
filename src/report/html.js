// crosscheck's HTML report: filters the table by rule, severity, source and findings only,
// and opens every row for print. It reads the columns from the JSON block and changes only
// `hidden`, `open` and the status line: nothing is fetched and no markup is built.
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
  // Which columns are shown; cell k + 1 of every row is column k (cell 0 is the claim).
  let shown = data.columns.map(() => true);

  function showColumns(needle) {
    const next = data.columns.map((c) =>
      !needle || c.source.toLowerCase().includes(needle) || c.path.toLowerCase().includes(needle));
    for (const row of [head, ...rows]) {
      next.forEach((show, k) => {
        if (show !== shown[k]) row.cells[k + 1].hidden = !show;
      });
    }
    shown = next;
  }

  function apply() {
    showColumns(source.value.trim().toLowerCase());
    let claims = 0;
    for (const row of rows) {
      const severities = row.dataset.severities ? row.dataset.severities.split(' ') : [];
      const keep = (!rule.value || row.dataset.rule === rule.value)
        && (!severity.value || severities.includes(severity.value))
        && (!findings.checked || severities.length > 0);
      row.hidden = !keep;
      claims += keep ? 1 : 0;
    }
    const sources = shown.filter(Boolean).length;
    status.textContent = `Showing ${claims} of ${rows.length} claims and ${sources} of ${shown.length} sources.`;
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
