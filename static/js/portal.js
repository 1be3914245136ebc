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
