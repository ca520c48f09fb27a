// A little JavaScript: tables with data-refresh poll their JSON and update cells in place;
// elements with data-stream follow a server-sent event stream. No build step.
(function () {
  // an instant in the JSON (ISO 8601) as the server renders it: Beijing time to the second (ConsoleTime)
  var BEIJING = new Intl.DateTimeFormat('sv-SE', {timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false});
  function time(v) {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) { return v; }
    var d = new Date(v);
    return isNaN(d.getTime()) ? v : BEIJING.format(d);
  }
  function refreshTable(table) {
    fetch(table.dataset.refresh, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (rows) {
        if (!rows) { return; }
        rows.forEach(function (row) {
          var tr = table.querySelector('tr[data-id="' + row.id + '"]');
          if (!tr) { return; }
          tr.querySelectorAll('[data-field]').forEach(function (td) {
            var v = row[td.dataset.field];
            var target = td.querySelector('a') || td;
            target.textContent = v === null || v === undefined ? '—' : (typeof v === 'number' ? Math.round(v) : time(v));
            // the marks the server renders with the value: red while a data-bad-above number is above that;
            // green for one of the data-ok-values words (a state), red for any other
            if (td.dataset.badAbove !== undefined) {
              td.classList.toggle('bad', typeof v === 'number' && v > Number(td.dataset.badAbove));
            }
            if (td.dataset.okValues !== undefined) {
              var ok = td.dataset.okValues.split(' ').indexOf(String(v)) >= 0;
              td.classList.toggle('ok', ok);
              td.classList.toggle('bad', !ok);
            }
          });
          // a connector paused or resumed elsewhere (the API, another operator): the row's button offers the other action
          var toggle = tr.querySelector('form[data-toggle]');
          if (toggle && row.state !== undefined && row.paused !== undefined) {
            var running = !row.paused && (row.state === 'Started' || row.state === 'Standby');
            toggle.setAttribute('action', toggle.dataset.base + (running ? 'pause' : 'resume'));
            toggle.querySelector('button').textContent = running ? toggle.dataset.pauseLabel : toggle.dataset.resumeLabel;
          }
        });
      }).catch(function () { /* the next poll retries */ });
  }
  // a part of the page marked data-reload-on-change is fetched again when the stream reports a change
  function reload(part) {
    fetch(location.href, {credentials: 'same-origin'})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        var fresh = html && new DOMParser().parseFromString(html, 'text/html').getElementById(part.id);
        if (fresh) { part.replaceWith(fresh); }
      }).catch(function () { /* the next change retries */ });
  }
  function follow(el) {
    var source = new EventSource(el.dataset.stream);
    var last = null;
    source.addEventListener('sla', function (e) {
      // the first event is the state the page was rendered in; the hub may repeat a state to a new watcher's neighbours
      if (last !== null && e.data !== last) { document.querySelectorAll('[data-reload-on-change]').forEach(reload); }
      last = e.data;
      JSON.parse(e.data).forEach(function (u) {
        Object.keys(u).forEach(function (k) {
          var cell = el.querySelector('[data-unit="' + u.unit + '"][data-field="' + k + '"]');
          if (cell) {
            cell.textContent = u[k];
            cell.classList.toggle('hot', (k === 'overdue' || k === 'escalated' || k === 'breachedOpen') && u[k] > 0);
          }
        });
      });
      var stamp = document.getElementById('sla-updated');
      if (stamp) { stamp.textContent = new Date().toLocaleTimeString(); }
    });
    // the post-checks of commitments per responsible unit, counted with the same refresh
    source.addEventListener('post-checks', function (e) {
      JSON.parse(e.data).forEach(function (p) {
        ['open', 'escalated', 'breached', 'breachesTotal'].forEach(function (k) {
          var cell = document.querySelector('#post-checks [data-unit="' + p.unit + '"][data-field="' + k + '"]');
          if (cell) {
            cell.textContent = p[k];
            cell.classList.toggle('hot', (k === 'escalated' || k === 'breached') && p[k] > 0);
          }
        });
      });
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('table[data-refresh]').forEach(function (t) {
      setInterval(function () { refreshTable(t); }, 2000);
    });
    document.querySelectorAll('[data-stream]').forEach(follow);
    // a filter that applies itself when chosen (no inline handlers: the console's Content-Security-Policy forbids them)
    document.querySelectorAll('select[data-autosubmit]').forEach(function (s) {
      s.addEventListener('change', function () { s.form.submit(); });
    });
  });
})();
