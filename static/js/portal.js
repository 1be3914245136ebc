// The portal's own script, loaded by every page (templates/base.html), so that no page fetches a
// script of its own: a log of static files must not tell a visit to the anti-corruption channel
// from any other visit.
//
// Print and copy buttons (the channel's receipt). Progressive enhancement: without JavaScript the
// code is plain text to write down or select, and the browser's own print works; with it, a
// button with class js-print prints the page and one with class js-copy copies the element named
// by data-copy-target, saying so in the element named by data-copy-status.
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});

document.querySelectorAll(".js-copy").forEach(function (button) {
  var source = document.getElementById(button.dataset.copyTarget);
  var status = document.getElementById(button.dataset.copyStatus);
  if (!source) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    var text = source.textContent.trim();
    var done = function () { if (status) { status.textContent = status.dataset.done; } };
    var selectIt = function () {
      // No clipboard access (an old browser or a plain-http page): select the code for the
      // person to copy themselves.
      var range = document.createRange();
      range.selectNodeContents(source);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (status) { status.textContent = status.dataset.selected; }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, selectIt);
    } else {
      selectIt();
    }
  });
});

// Progressive enhancement of the limits each form states in its help texts: a live count under
// a text box with a limit, and a file check before sending, so a 20 MB photo is not uploaded only
// to be refused. The server checks both again; without JavaScript its Thai messages say the same.
(function () {
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, key) { return key in values ? values[key] : whole; });
  }

  function note(field, className) {
    var line = document.createElement("p");
    line.className = "form-text " + className;
    line.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", line);
    return line;
  }

  document.querySelectorAll("textarea[data-max-chars]").forEach(function (box) {
    var limit = parseInt(box.dataset.maxChars, 10);
    var line = note(box, "char-count");
    var update = function () {
      // Line breaks are sent as two characters (CR LF): count what the server will count.
      var count = box.value.replace(/\r?\n/g, "\r\n").length;
      var over = count - limit;
      line.textContent = over > 0 ? fill(box.dataset.over, {over: over}) : fill(box.dataset.count, {count: count});
      line.classList.toggle("text-danger", over > 0);
    };
    box.addEventListener("input", update);
    update();
  });

  function megabytes(bytes) {
    return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, "") + " MB";
  }

  function fileProblems(input) {
    var problems = [];
    var files = Array.prototype.slice.call(input.files || []);
    if (files.length > parseInt(input.dataset.maxFiles, 10)) {
      problems.push(fill(input.dataset.tooMany, {count: files.length}));
    }
    files.forEach(function (file) {
      if (file.size > parseInt(input.dataset.maxBytes, 10)) {
        problems.push(fill(input.dataset.tooBig, {name: file.name, size: megabytes(file.size)}));
      }
    });
    return problems;
  }

  document.querySelectorAll("input[type=file][data-max-bytes]").forEach(function (input) {
    var line = note(input, "file-check text-danger");
    line.setAttribute("role", "alert");
    var check = function () {
      var problems = fileProblems(input);
      line.textContent = problems.join(" ");
      if (problems.length) {
        input.setAttribute("aria-invalid", "true");
      } else {
        input.removeAttribute("aria-invalid");
      }
      return problems.length === 0;
    };
    input.addEventListener("change", check);
    if (input.form) {
      input.form.addEventListener("submit", function (event) {
        if (!check()) {
          event.preventDefault();
          input.focus();
        }
      });
    }
  });
})();
