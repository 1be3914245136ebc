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
