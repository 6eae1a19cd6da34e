// PAN is stored upper-case; type it any way.
document.querySelectorAll('input.pan').forEach(input =>
  input.addEventListener('input', () => { input.value = input.value.toUpperCase(); }));

// A long-running form (CSV import) shows its progress bar while the server works.
document.querySelectorAll('form[data-progress]').forEach(form =>
  form.addEventListener('submit', () => {
    if (window.jQuery && !jQuery(form).valid()) return;
    document.getElementById(form.dataset.progress)?.classList.remove('d-none');
    form.querySelectorAll('button[type=submit]').forEach(b => b.disabled = true);
  }));

// A destructive action (deny, reject, deactivate, retire, delete) asks first: data-confirm="…" on its form, or
// on the button that submits it. No inline script, so the Content-Security-Policy can forbid 'unsafe-inline'.
// An invalid form shows its field messages instead of asking.
document.addEventListener('submit', event => {
  const form = event.target;
  const question = event.submitter?.dataset.confirm || form.dataset?.confirm;
  if (!question) return;
  if (window.jQuery && jQuery(form).data('validator') && !jQuery(form).valid()) return;
  if (!window.confirm(question)) event.preventDefault();
}, true);
