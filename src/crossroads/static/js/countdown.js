// Countdown to the call's deadline; the server decides the deadline, this only informs.
(function () {
  var el = document.getElementById("countdown");
  if (!el) return;
  var end = Date.now() + parseInt(el.dataset.seconds, 10) * 1000;
  function tick() {
    var s = Math.max(0, Math.round((end - Date.now()) / 1000));
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
    el.textContent = el.dataset.template.replace("{d}", d).replace("{h}", h).replace("{m}", m);
  }
  tick();
  setInterval(tick, 30000);
})();
