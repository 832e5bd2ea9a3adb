// Enhancement only: refresh the analysis progress every few seconds while a
// run is in progress. Without JavaScript the "Refresh progress" link does it.
(function () {
  function poll() {
    var region = document.getElementById("analysis-progress");
    if (!region || !region.dataset.analysisRefresh) return;
    window.setTimeout(function () {
      fetch(region.dataset.analysisRefresh, { credentials: "same-origin" })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById("analysis-progress");
          if (!fresh) return;
          if (!fresh.dataset.analysisRefresh) {
            // Finished: reload so the themes table shows the new figures.
            window.location.reload();
            return;
          }
          region.replaceWith(fresh);
          poll();
        })
        .catch(function () {});
    }, 3000);
  }
  document.addEventListener("DOMContentLoaded", poll);
})();
