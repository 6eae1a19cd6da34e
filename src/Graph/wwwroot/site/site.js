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

// A destructive action (delete, deny…) asks first: the form names its question in data-confirm (no inline script).
// An invalid form shows its field messages instead of asking.
document.querySelectorAll('form[data-confirm]').forEach(form =>
  form.addEventListener('submit', event => {
    if (window.jQuery && jQuery(form).data('validator') && !jQuery(form).valid()) return;
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  }));
