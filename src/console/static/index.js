// Keeps the reindex progress bar current while a reindex started from the console runs.
(function () {
  const box = document.getElementById("reindex");
  if (!box) return;
  const bar = document.getElementById("reindex-progress");
  const line = document.getElementById("reindex-status");
  async function poll() {
    const res = await fetch("/index/progress.json", { credentials: "same-origin", cache: "no-store" });
    if (!res.ok) return;
    const job = await res.json();
    box.dataset.state = job.state;
    bar.max = job.total || 1;
    bar.value = job.done;
    line.textContent = job.line;
    if (job.state === "running") setTimeout(poll, 500);
    else if (box.dataset.wasRunning === "yes") location.reload();
    if (job.state === "running") box.dataset.wasRunning = "yes";
  }
  if (box.dataset.state === "running") poll();
})();
