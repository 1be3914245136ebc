// Progressive enhancement: a print button where JavaScript runs (browsers' own print works anyway).
document.querySelectorAll(".js-print").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
