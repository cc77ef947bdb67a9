// The meeting form, enhanced: officials suggested as you type, and only the chosen campaign's asks shown.
// Without this script the form works the same through its Find button.
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
})();
