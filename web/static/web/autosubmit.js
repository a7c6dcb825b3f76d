/* Submits a form when one of its selects marked data-autosubmit changes (the language switch).
   An external file, because the Content-Security-Policy forbids inline event handlers. */
document.addEventListener("change", function (event) {
  if (event.target.matches && event.target.matches("select[data-autosubmit]")) event.target.form.submit();
});
