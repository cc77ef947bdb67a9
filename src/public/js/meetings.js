// The meeting form, enhanced: officials suggested as you type, only the chosen campaign's asks shown, and
// another follow-up row added in place. Without this script the form works the same through its Find
// and Add buttons, which show the form again from the server.
(function () {
  'use strict';
  var input = document.querySelector('input[data-suggest-url]');
  var box = document.getElementById('official-choices');
  if (input && box) {
    var timer = null;
    var latest = 0;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var asked = ++latest;
        var url = input.getAttribute('data-suggest-url') + '?q=' + encodeURIComponent(input.value);
        fetch(url, { credentials: 'same-origin', headers: { Accept: 'text/html' } })
          .then(function (res) { return res.ok ? res.text() : null; })
          .then(function (html) {
            // The server renders and escapes the fragment; an older answer never replaces a newer one.
            if (html !== null && asked === latest) box.innerHTML = html;
          })
          .catch(function () { /* the Find button still works */ });
      }, 250);
    });
    // Enter in the search box looks for officials rather than saving the meeting.
    input.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      input.dispatchEvent(new Event('input'));
    });
  }

  var campaign = document.getElementById('field-campaign_id');
  var groups = document.querySelectorAll('[data-campaign-asks]');
  function showAsks() {
    for (var i = 0; i < groups.length; i++) {
      groups[i].hidden = groups[i].getAttribute('data-campaign-asks') !== campaign.value;
    }
  }
  if (campaign && groups.length > 1) {
    campaign.addEventListener('change', showAsks);
    showAsks();
  }

  // A copy of the last row, emptied and numbered next: names, ids and the label, as the server would render it.
  var followUps = document.getElementById('field-follow_ups');
  var addRow = document.querySelector('[data-add-follow-up]');
  if (followUps && addRow) {
    var max = Number(followUps.getAttribute('data-max-rows')) || 1;
    addRow.addEventListener('click', function (event) {
      var rows = followUps.querySelectorAll('[data-follow-up-row]');
      var last = rows[rows.length - 1];
      if (!last) return;
      event.preventDefault();
      var n = rows.length;
      var row = last.cloneNode(true);
      var renumber = function (value) { return value.replace(/follow_ups\[\d+\]/g, 'follow_ups[' + n + ']'); };
      row.querySelectorAll('.field-error').forEach(function (e) { e.remove(); });
      row.querySelectorAll('.has-error').forEach(function (e) { e.classList.remove('has-error'); });
      row.querySelectorAll('input, select').forEach(function (control) {
        control.name = renumber(control.name);
        control.id = renumber(control.id);
        control.removeAttribute('aria-invalid');
        control.removeAttribute('aria-describedby');
        if (control.tagName === 'SELECT') control.selectedIndex = 0; else control.value = '';
      });
      row.querySelectorAll('label').forEach(function (label) { label.htmlFor = renumber(label.htmlFor); });
      var first = row.querySelector('label');
      if (first) first.textContent = followUps.getAttribute('data-row-label').replace('{n}', String(n + 1));
      last.after(row);
      if (n + 1 >= max) addRow.hidden = true;
      var description = row.querySelector('input');
      if (description) description.focus();
    });
  }
})();
