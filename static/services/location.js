// "Use my current location" on request forms that ask for a place: fills the latitude and
// longitude fields from the phone's GPS, only when the person presses the button.
(function () {
  var button = document.getElementById("use-my-location");
  var latitude = document.getElementById("id_latitude");
  var longitude = document.getElementById("id_longitude");
  if (!button || !latitude || !longitude || !navigator.geolocation) {
    return;
  }
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    navigator.geolocation.getCurrentPosition(function (position) {
      latitude.value = position.coords.latitude.toFixed(6);
      longitude.value = position.coords.longitude.toFixed(6);
    }, function () {
      window.alert(button.dataset.error);
    }, {enableHighAccuracy: true, timeout: 15000});
  });
})();
