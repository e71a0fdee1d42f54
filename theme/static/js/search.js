/*
 * Site search with Pagefind's index: progressive enhancement of the search page.
 *
 * Without this script the page offers the overviews and the news by year (and
 * says why, in <noscript>: nothing moves when the script starts). With
 * it, the form searches the index of the page's language (Pagefind picks it by
 * <html lang>) as the visitor types or submits; the query is kept in the
 * address (?q=) so results can be shared and the back button works. Results
 * are a list of links; the number found is announced by the status line.
 * Everything is built with DOM methods: nothing from the index becomes markup.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-search]");
  if (!root || !window.URLSearchParams || !window.Intl || !Intl.PluralRules) {
    return;
  }
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var status = root.querySelector("[data-search-status]");
  var list = root.querySelector("[data-search-results]");
  var plural = new Intl.PluralRules(document.documentElement.lang || "en");
  var MAX_RESULTS = 20;
  var DELAY = 250;
  var engine = null;
  var latest = 0;
  var timer = null;

  function text(name, values) {
    var template = root.getAttribute("data-" + name) || "";
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return key in values ? String(values[key]) : all;
    });
  }

  function load() {
    if (!engine) {
      engine = import(root.getAttribute("data-bundle") + "pagefind.js").then(
        function (pagefind) {
          return pagefind
            .options({ baseUrl: root.getAttribute("data-base"), excerptLength: 24 })
            .then(function () {
              return pagefind;
            });
        }
      );
    }
    return engine;
  }

  /* Pagefind marks the words found with <mark>; keep them, as text nodes. */
  function excerpt(value) {
    var paragraph = document.createElement("p");
    paragraph.className = "search__excerpt";
    value.split(/(<mark>|<\/mark>)/).reduce(function (marked, part) {
      if (part === "<mark>") {
        return true;
      }
      if (part === "</mark>") {
        return false;
      }
      var node = document.createTextNode(decode(part));
      if (marked) {
        var mark = document.createElement("mark");
        mark.appendChild(node);
        node = mark;
      }
      paragraph.appendChild(node);
      return marked;
    }, false);
    return paragraph;
  }

  function decode(value) {
    var area = document.createElement("textarea");
    area.innerHTML = value;
    return area.value;
  }

  function item(data) {
    var entry = document.createElement("li");
    entry.className = "search__result";
    var heading = document.createElement("h2");
    heading.className = "search__title";
    var link = document.createElement("a");
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(link);
    entry.appendChild(heading);
    if (data.meta && data.meta.section) {
      var section = document.createElement("p");
      section.className = "search__section";
      section.textContent = data.meta.section;
      entry.appendChild(section);
    }
    if (data.excerpt) {
      entry.appendChild(excerpt(data.excerpt));
    }
    return entry;
  }

  function show(query, found, ticket) {
    return Promise.all(
      found.results.slice(0, MAX_RESULTS).map(function (result) {
        return result.data();
      })
    ).then(function (pages) {
      if (ticket !== latest) {
        return;
      }
      list.replaceChildren.apply(list, pages.map(item));
      list.hidden = pages.length === 0;
      var count = found.results.length;
      status.textContent = count
        ? text(plural.select(count) === "one" ? "one" : "other", {
            count: count.toLocaleString(document.documentElement.lang),
            query: query,
          })
        : text("none", { query: query });
    });
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) {
      list.replaceChildren();
      list.hidden = true;
      status.textContent = "";
      return;
    }
    status.textContent = text("busy", {});
    load()
      .then(function (pagefind) {
        return pagefind.search(query);
      })
      .then(function (found) {
        if (ticket === latest && found) {
          return show(query, found, ticket);
        }
        return null;
      })
      .catch(function () {
        if (ticket === latest) {
          status.textContent = text("failed", {});
        }
      });
  }

  function remember(query) {
    var url = new URL(window.location.href);
    if (query.trim()) {
      url.searchParams.set("q", query.trim());
    } else {
      url.searchParams.delete("q");
    }
    window.history.replaceState(null, "", url.toString());
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(input.value);
    run(input.value);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      remember(input.value);
      run(input.value);
    }, DELAY);
  });

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
