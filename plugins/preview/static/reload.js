/* The preview reloads the page when a new build is done (server-sent events
   from the preview server; nothing leaves this machine). */
(function () {
  if (!window.EventSource) { return; }
  var source = new EventSource("/_preview/events");
  var first = null;
  source.onmessage = function (event) {
    if (first === null) { first = event.data; return; }
    if (event.data !== first) { source.close(); location.reload(); }
  };
})();
