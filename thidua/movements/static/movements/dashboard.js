// Trend charts of the movement dashboard (Chart.js, vendored). Data comes from <script type="application/json">
// blocks written by Django's json_script; every chart also has a table view in the page.
(function () {
  "use strict";
  function draw() {
    if (typeof window.Chart === "undefined") {
      return;
    }
    const format = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 4 });
    document.querySelectorAll("canvas.js-trend-chart").forEach(function (canvas) {
      const source = document.getElementById(canvas.dataset.chart);
      if (!source) {
        return;
      }
      const data = JSON.parse(source.textContent);
      const goal = data.labels.map(function () { return data.target; });
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            {
              label: data.value_label + " (" + data.unit + ")",
              data: data.values,
              borderColor: "#8b1a1a",
              backgroundColor: "#8b1a1a",
              tension: 0.2,
            },
            {
              label: data.target_label + " (" + format.format(data.target) + " " + data.unit + ")",
              data: goal,
              borderColor: "#198754",
              borderDash: [6, 4],
              pointRadius: 0,
              fill: false,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { position: "bottom" },
            tooltip: {
              callbacks: {
                label: function (context) {
                  const status = context.datasetIndex === 0 ? " – " + data.statuses[context.dataIndex] : "";
                  return context.dataset.label + ": " + format.format(context.parsed.y) + status;
                },
              },
            },
          },
          scales: { y: { ticks: { callback: function (value) { return format.format(value); } } } },
        },
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
