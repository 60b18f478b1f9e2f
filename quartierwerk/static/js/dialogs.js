// A link with data-dialog="id" opens that <dialog> (rendered by {% dialog %}) instead of loading its page, which
// shows the same form without JavaScript. The dialog takes the focus to its first field and, when it closes
// (its button, Escape, or a form with method="dialog"), gives it back to the link that opened it.
(function () {
  "use strict";
  document.querySelectorAll("a[data-dialog]").forEach(function (link) {
    var dialog = document.getElementById(link.dataset.dialog);
    if (!dialog || typeof dialog.showModal !== "function") {
      return;
    }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      dialog.showModal();
      var first = dialog.querySelector(
        ".kern-dialog__body input:not([type=hidden]), .kern-dialog__body select, .kern-dialog__body textarea, .kern-dialog__body button"
      );
      if (first) {
        first.focus();
      }
    });
    dialog.addEventListener("close", function () {
      link.focus();
    });
  });
})();
