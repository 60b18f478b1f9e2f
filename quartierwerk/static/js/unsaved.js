// Forms marked data-warn-unsaved: leaving the page while a change is neither submitted nor saved as a
// draft (an htmx response carrying data-draft-saved) asks the browser to warn first.
(function () {
  "use strict";
  document.querySelectorAll("form[data-warn-unsaved]").forEach(function (form) {
    var changes = 0;
    var sent = 0;
    var saved = 0;
    var submitting = false;
    form.addEventListener("input", function () {
      changes += 1;
    });
    form.addEventListener("submit", function () {
      submitting = true;
    });
    form.addEventListener("htmx:beforeRequest", function () {
      sent = changes;
    });
    form.addEventListener("htmx:afterRequest", function (event) {
      var xhr = event.detail.xhr;
      if (event.detail.successful && xhr && xhr.responseText.indexOf("data-draft-saved") !== -1) {
        saved = Math.max(saved, sent);
      }
      form.dataset.unsaved = changes > saved ? "true" : "false";
    });
    window.addEventListener("beforeunload", function (event) {
      if (!submitting && changes > saved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
  });
})();
