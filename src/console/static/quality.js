// Draws the quality page with Chart.js from /quality/data.json; the live counters refresh every 5 s.
/* global Chart */
(function () {
  const pct = (x) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`);
  const charts = {};
  function draw(id, config) {
    if (charts[id]) {
      charts[id].data = config.data;
      charts[id].update("none");
      return;
    }
    charts[id] = new Chart(document.getElementById(id), config);
  }
  function hitChart(id, title, sets) {
    draw(id, {
      type: "bar",
      data: {
        labels: sets.map((s) => s.name),
        datasets: [
          { label: "hit@1", data: sets.map((s) => s.hitAt1), backgroundColor: "#3d5478" },
          { label: "hit@3", data: sets.map((s) => s.hitAt3), backgroundColor: "#8fb0de" },
        ],
      },
      options: { animation: false, plugins: { title: { display: true, text: title } }, scales: { y: { min: 0, max: 1 } } },
    });
  }
  const OUTCOMES = ["emergency", "urgent", "check", "none"];
  const COLOURS = { emergency: "#b3261e", urgent: "#f2b705", check: "#8fb0de", none: "#9aa5b5" };
  function confusion(set) {
    const expected = Object.keys(set.confusion);
    draw("chart-confusion", {
      type: "bar",
      data: {
        labels: expected.map((e) => `expected ${e}`),
        datasets: OUTCOMES.map((o) => ({ label: `got ${o}`, data: expected.map((e) => set.confusion[e][o] || 0), backgroundColor: COLOURS[o] })),
      },
      options: { animation: false, indexAxis: "y", plugins: { title: { display: true, text: `Red flags: ${set.name} (confusion matrix)` } }, scales: { x: { stacked: true }, y: { stacked: true } } },
    });
    const table = document.getElementById("confusion-table");
    table.replaceChildren();
    const head = table.insertRow();
    for (const h of ["expected \\ got", ...OUTCOMES]) head.insertCell().textContent = h;
    for (const e of expected) {
      const row = table.insertRow();
      row.insertCell().textContent = e;
      for (const o of OUTCOMES) row.insertCell().textContent = String(set.confusion[e][o] || 0);
    }
  }
  function counters(c) {
    document.getElementById("c-escalations").textContent = `${c.escalations24h.emergency} emergency · ${c.escalations24h.urgent} urgent`;
    document.getElementById("c-failures").textContent = String(c.alertFailures24h);
    const note = document.getElementById("c-note");
    if (c.messages) {
      document.getElementById("c-messages").textContent = String(c.messages.lastHour);
      document.getElementById("c-oos").textContent = pct(c.messages.outOfScopeShare);
      note.textContent = `Messages are counted by this process (the console runs beside the bots); ${c.messages.alertAttemptsFailed24h} alert attempts failed here in 24 h before retries.`;
      draw("chart-messages", {
        type: "bar",
        data: {
          labels: c.messages.perHour.map((h) => h.hour.slice(11, 16)),
          datasets: [
            { label: "messages", data: c.messages.perHour.map((h) => h.messages - h.outOfScope), backgroundColor: "#3d5478" },
            { label: "out of scope", data: c.messages.perHour.map((h) => h.outOfScope), backgroundColor: "#f2b705" },
          ],
        },
        options: { animation: false, plugins: { title: { display: true, text: "Messages per hour (last 24 h, UTC)" } }, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
      });
    } else {
      document.getElementById("c-messages").textContent = "–";
      document.getElementById("c-oos").textContent = "–";
      note.textContent = "Message counts appear when the console runs beside the bots (LUMBAR_CONSOLE_PORT with lumbar start); escalations and alert failures come from the audit log.";
    }
  }
  let shownEval = false;
  async function load() {
    const res = await fetch("/quality/data.json", { credentials: "same-origin", cache: "no-store" });
    if (!res.ok) return;
    const data = await res.json();
    counters(data.counters);
    if (!shownEval) {
      shownEval = true;
      const meta = document.getElementById("eval-meta");
      if (!data.eval) {
        meta.textContent = "No evaluation results yet: run `npm run eval` against this data folder.";
      } else {
        meta.textContent = `From npm run eval finished ${data.eval.finishedAt} against index ${data.eval.indexVersion}.`;
        hitChart("chart-questions", "Questions: hit@1 and hit@3 per set", data.eval.questionSets);
        hitChart("chart-followups", "Follow-ups: hit@1 and hit@3 per set", data.eval.followUpSets);
        const select = document.getElementById("redflag-set");
        for (const s of data.eval.redFlagSets) select.add(new Option(s.name, s.name));
        select.addEventListener("change", () => confusion(data.eval.redFlagSets.find((s) => s.name === select.value)));
        if (data.eval.redFlagSets.length > 0) confusion(data.eval.redFlagSets[0]);
      }
      document.body.dataset.chartsReady = "yes";
    }
  }
  load();
  setInterval(load, 5000);
})();
