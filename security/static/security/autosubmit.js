// Submits a form when a <select data-autosubmit> changes, without inline handlers (the CSP forbids them).
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});
