// Draws each <canvas data-chart> from the numbers the server rendered (the table beside it holds the same data).
document.querySelectorAll('canvas[data-chart]').forEach(canvas => {
  const kind = canvas.dataset.chart;
  const palette = ['#0d6efd', '#ffc107', '#198754', '#dc3545', '#6f42c1', '#20c997', '#fd7e14', '#6c757d'];
  new Chart(canvas, {
    type: kind,
    data: {
      labels: JSON.parse(canvas.dataset.labels),
      datasets: [{ label: canvas.dataset.series, data: JSON.parse(canvas.dataset.values),
        backgroundColor: kind === 'bar' ? palette[0] : palette }],
    },
    options: {
      maintainAspectRatio: false, animation: false,
      plugins: { legend: { display: kind !== 'bar' } },
      scales: kind === 'bar' ? { y: { beginAtZero: true, ticks: { precision: 0 } } } : {},
    },
  });
});
