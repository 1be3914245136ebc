// Buddhist-Era dates in the admin's calendar and "วันนี้" shortcut (kpp_portal/admin_dates.py).
// Django's DateTimeShortcuts writes and reads Christian-era years; boxes marked data-era="be"
// show dd/mm/BBBB instead. Loaded after DateTimeShortcuts.js, before its window "load" init.
(function () {
  "use strict";
  if (typeof DateTimeShortcuts === "undefined") { return; }
  var OFFSET = 543;
  var BE_DATE = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/;

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function formatBE(date) {
    return pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + (date.getFullYear() + OFFSET);
  }
  function isBE(input) { return input && input.dataset && input.dataset.era === "be"; }

  var quickLink = DateTimeShortcuts.handleCalendarQuickLink;
  DateTimeShortcuts.handleCalendarQuickLink = function (num, offset) {
    var input = DateTimeShortcuts.calendarInputs[num];
    if (!isBE(input)) { return quickLink.call(this, num, offset); }
    var d = DateTimeShortcuts.now();
    d.setDate(d.getDate() + offset);
    input.value = formatBE(d);
    input.focus();
    DateTimeShortcuts.dismissCalendar(num);
  };

  var callback = DateTimeShortcuts.handleCalendarCallback;
  DateTimeShortcuts.handleCalendarCallback = function (num) {
    var original = callback.call(this, num);
    return function (y, m, d) {
      original(y, m, d);
      var input = DateTimeShortcuts.calendarInputs[num];
      if (isBE(input)) { input.value = formatBE(new Date(y, m - 1, d)); }
    };
  };

  // The calendar opens on the month typed: hand Django's parser the Christian-era date.
  var open = DateTimeShortcuts.openCalendar;
  DateTimeShortcuts.openCalendar = function (num) {
    var input = DateTimeShortcuts.calendarInputs[num];
    var match = isBE(input) && BE_DATE.exec(input.value);
    if (!match) { return open.call(this, num); }
    var typed = input.value;
    var date = new Date(Number(match[3]) - OFFSET, Number(match[2]) - 1, Number(match[1]));
    input.value = date.strftime(get_format("DATE_INPUT_FORMATS")[0]);
    try { open.call(this, num); } finally { input.value = typed; }
  };

  // The calendar's caption names the month and year: "พฤศจิกายน 2569".
  if (typeof CalendarNamespace !== "undefined") {
    var draw = CalendarNamespace.draw;
    CalendarNamespace.draw = function (month, year, divId) {
      draw.apply(this, arguments);
      var caption = document.querySelector("#" + divId + " caption");
      if (caption) { caption.textContent = CalendarNamespace.monthsOfYear[month - 1] + " " + (year + OFFSET); }
    };
  }
})();
