// Autosave of the shared parts: after a pause in typing, the form is posted in the background. A conflict
// (someone else saved first) is shown, never overwritten; the page then offers both versions on a normal save.
// Dates travel as ISO (the date input's value); the server keeps a stored date when an autosave carries none.
(function () {
  var form = document.getElementById("shared-form");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var timer = null, busy = false;
  function say(text) { if (status) status.textContent = text; }
  function save() {
    if (busy) return;
    busy = true;
    fetch(form.action, { method: "POST", body: new FormData(form), headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (data) { return { code: r.status, data: data }; }); })
      .then(function (res) {
        // Every version input (the form's and, after a conflict, the one carrying the other person's version).
        if (res.code === 200) { form.querySelectorAll("[name=version]").forEach(function (input) { input.value = res.data.version; }); say(status.dataset.saved + " " + new Date().toLocaleTimeString()); }
        else if (res.code === 409) { say(res.data.conflict); }
        else { say(status.dataset.failed); }
      })
      .catch(function () { say(status.dataset.failed); })
      .finally(function () { busy = false; });
  }
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(save, 2500); say(status.dataset.pending); });
})();
