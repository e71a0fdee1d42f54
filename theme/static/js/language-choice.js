/* The root page (/) leads visitors to the home page in the language their
   browser prefers, else the site's default; without JavaScript the page
   itself offers every language. The languages and home pages come from
   data attributes of <html>, so no script is inline (Content-Security-Policy). */
(function () {
  var root = document.documentElement;
  var languages = JSON.parse(root.getAttribute("data-languages") || "[]");
  var homes = JSON.parse(root.getAttribute("data-homes") || "[]");
  if (!homes.length) { return; }
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {
    var index = languages.indexOf(String(wanted[i]).slice(0, 2).toLowerCase());
    if (index >= 0) { location.replace(homes[index]); return; }
  }
  location.replace(homes[0]);
})();
