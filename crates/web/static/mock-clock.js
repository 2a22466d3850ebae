// Ticks the "time left" of a mock interview question once a second. The
// deadline is kept by the server, which refuses a late answer or grade
// whatever this clock shows; without this script the page shows the time
// left as of loading it.
"use strict";
(function () {
  const clock = document.querySelector("[data-seconds-left]");
  if (!clock) return;
  const end = Date.now() + 1000 * Number(clock.dataset.secondsLeft);
  function tick() {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    clock.textContent = left > 0
      ? Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0")
      : "time is up";
    if (left > 0) setTimeout(tick, 1000);
  }
  tick();
})();
