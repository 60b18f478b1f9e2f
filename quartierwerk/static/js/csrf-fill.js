// Pages from the anonymous page cache carry forms without a CSRF token. The first time a visitor touches
// or sends a form, fetch a token (one small uncached request) and fill it into every form of the page.
(function () {
  "use strict";
  var pending = null;

  function emptyInputs() {
    return document.querySelectorAll('input[name="csrfmiddlewaretoken"][value=""]');
  }

  function fill() {
    if (!pending) {
      pending = fetch("/csrf-token", { credentials: "same-origin", cache: "no-store" })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          emptyInputs().forEach(function (input) {
            input.value = data.token;
            input.setAttribute("value", data.token);
          });
        });
    }
    return pending;
  }

  document.addEventListener("focusin", function (event) {
    if (event.target.form && emptyInputs().length) fill();
  });
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var input = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (!input || input.value) return;
    // The button that sent the form carries a value (the language switch: name="language"); send it again.
    var submitter = event.submitter || null;
    event.preventDefault();
    event.stopPropagation();
    fill().then(function () {
      if (form.requestSubmit) {
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
        return;
      }
      if (submitter && submitter.name) {
        var carry = document.createElement("input");
        carry.type = "hidden";
        carry.name = submitter.name;
        carry.value = submitter.value;
        form.appendChild(carry);
      }
      form.submit();
    });
  }, true);
})();
